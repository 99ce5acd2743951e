import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Marks DATA_DIR as owned by this process, so that a second all-in-one on the same folder
 * stops with a clear message instead of opening the embedded database twice or taking
 * over the first one's Temporal server. A lock left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'relance.pid');
  const mine = String(process.pid);
  for (;;) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (owner > 0 && isAlive(owner)) {
      throw new Error(`Relance already runs on DATA_DIR=${dataDir} (pid ${owner}). Stop it, or give this one another DATA_DIR.`);
    }
    rmSync(file, { force: true });
  }
  return {
    release: () => {
      try {
        if (readFileSync(file, 'utf8').trim() === mine) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
