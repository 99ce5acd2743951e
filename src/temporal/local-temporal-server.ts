import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { isAlive } from '../runtime/data-dir-lock';
import { RELANCE_SEARCH_ATTRIBUTES } from './search-attributes';
import { connectTemporal } from './temporal-connection';

export interface LocalTemporalServerOptions {
  /** Path of the `temporal` CLI binary. */
  binary: string;
  /** Folder for the SQLite file and the server log; `undefined` keeps state in memory. */
  dataDir?: string;
  port: number;
  uiPort?: number;
  namespace: string;
  /** How long to wait for the frontend to answer before giving up. */
  startTimeoutMs?: number;
  /**
   * Run the server in its own process group, so that Ctrl+C in a terminal reaches Relance
   * only, which stops the worker first and the server last. Tests leave it in theirs, so
   * that an interrupted run takes its server down with it.
   */
  detached?: boolean;
}

/**
 * A `temporal server start-dev` child process: the real Temporal server with SQLite
 * persistence and the web UI, registered with Relance's search attributes.
 */
export class LocalTemporalServer {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
    readonly uiUrl: string | undefined,
    readonly logFile: string | undefined,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  /**
   * Starts the dev server and resolves once its frontend answers gRPC health checks.
   * Fails fast, with the server's log path, if the port is taken or the process dies.
   */
  static async start(options: LocalTemporalServerOptions): Promise<LocalTemporalServer> {
    const ip = '127.0.0.1';
    const address = `${ip}:${options.port}`;
    const pidFile = options.dataDir ? join(options.dataDir, 'temporal-server.pid') : undefined;
    const dbFile = options.dataDir ? join(options.dataDir, 'temporal.sqlite') : undefined;
    if (pidFile && dbFile) await stopStaleServer(pidFile, dbFile);
    if (await isPortOpen(ip, options.port)) {
      throw new Error(
        `Cannot start the local Temporal server: ${address} is already in use. ` +
          `Stop what listens there, set TEMPORAL_DEV_PORT to a free port, ` +
          `or point TEMPORAL_ADDRESS at that server if it is a Temporal server.`,
      );
    }
    const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port)];
    args.push('--namespace', options.namespace, '--log-level', 'warn');
    if (options.uiPort) args.push('--ui-port', String(options.uiPort));
    else args.push('--headless');
    for (const attribute of RELANCE_SEARCH_ATTRIBUTES) {
      args.push('--search-attribute', `${attribute.name}=${attribute.type}`);
    }
    let logFile: string | undefined;
    let stdio: 'ignore' | number = 'ignore';
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      args.push('--db-filename', dbFile!);
      logFile = join(options.dataDir, 'temporal-server.log');
      stdio = openSync(logFile, 'a');
    }
    const child = spawn(options.binary, args, { stdio: ['ignore', stdio, stdio], detached: options.detached ?? false });
    if (typeof stdio === 'number') closeSync(stdio);
    if (pidFile && child.pid) {
      writeFileSync(pidFile, String(child.pid));
      child.once('exit', () => rmSync(pidFile, { force: true }));
    }
    const uiUrl = options.uiPort ? `http://${ip}:${options.uiPort}` : undefined;
    const server = new LocalTemporalServer(child, address, uiUrl, logFile);
    stopOnParentExit(child);
    try {
      await server.waitUntilServing(options.startTimeoutMs ?? 30_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private async waitUntilServing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let spawnError: Error | undefined;
    this.child.once('error', (error) => (spawnError = error));
    let died = false;
    void this.exited.then(() => (died = true));
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (spawnError) throw new Error(`Cannot run the Temporal CLI: ${spawnError.message}`);
      if (died) {
        throw new Error(
          `The local Temporal server exited during start-up (code ${this.child.exitCode})` + (this.logFile ? `; see ${this.logFile}` : ''),
        );
      }
      try {
        const connection = await connectTemporal(this.address, 1000);
        try {
          await connection.healthService.check({});
          return;
        } finally {
          await connection.close();
        }
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error(
      `The local Temporal server did not answer on ${this.address} within ${timeoutMs} ms: ` +
        `${String(lastError)}` +
        (this.logFile ? `; see ${this.logFile}` : ''),
    );
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

/**
 * A server left running by a Relance that was killed outright (SIGKILL, power loss) still
 * holds the SQLite file and the ports. Its pid file says which process it was; it is
 * stopped only if that process is still a Temporal server on this very data folder (the
 * caller holds the DATA_DIR lock, so no live Relance owns it).
 */
async function stopStaleServer(pidFile: string, dbFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // no such process (or no /proc): nothing to stop
  }
  if (pid > 0 && commandLine.includes('start-dev') && commandLine.includes(dbFile)) {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A crash or `process.exit` of Relance must not leave an orphan Temporal server behind. */
function stopOnParentExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}
