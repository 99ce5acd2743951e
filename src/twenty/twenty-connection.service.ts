import { Inject, Injectable } from '@nestjs/common';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { SecretBox } from '../common/secret-box';
import { DocumentService } from '../messaging/documents/document.service';
import { RELANCE_RUNTIME, RelanceRuntime, publicBaseUrl } from '../runtime/relance-runtime';
import { TwentyApiError, TwentyClient, TwentyUnavailableError } from './twenty-client';
import { TwentyConnectionRepository } from './twenty-connection.repository';
import type { TwentyConnection } from './twenty-connection.entity';
import { InstallReport, installTwentySchema, InstalledItems, uninstallTwentySchema } from './twenty-installer';
import type { TwentyRecordKind } from './twenty-record.entity';
import { KindBacklog, SyncFailure, TwentyRecordRepository } from './twenty-record.repository';
import { LATEST_TWENTY_SCHEMA, schemaAt } from './twenty-schema';

/** A connection as the API shows it: never its secrets. */
export interface TwentyConnectionView {
  apiUrl: string;
  /** Where the Twenty webhook must post: names the workspace. */
  webhookUrl: string;
  installedVersion: number;
  latestVersion: number;
  installedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TwentyConnectionTest {
  reachable: boolean;
  authenticated: boolean;
  message: string;
  workspaceName: string | null;
  serverVersion: string | null;
  /** The objects Relance works with that the workspace has (standard and installed). */
  objectsPresent: string[];
  /** Those it lacks (Relance's objects before an install, or a Twenty too old). */
  objectsMissing: string[];
}

export interface TwentySyncStatus {
  /** Rows waiting for Twenty (changed since it acknowledged them, or never sent). */
  pending: number;
  /** Of those, the ones whose last push Twenty refused. */
  failing: number;
  byKind: KindBacklog[];
  /**
   * How long the oldest change Twenty has not acknowledged has waited, in seconds: 0 when
   * Twenty has everything, null while Relance is not installed there (nothing syncs).
   */
  lagSeconds: number | null;
  lastSyncedAt: string | null;
  /** The last pass that failed as a whole (Twenty down, API key refused), and when the next is tried. */
  lastError: string | null;
  lastErrorAt: string | null;
  nextAttemptAt: string | null;
  consecutiveFailures: number;
  failures: SyncFailure[];
}

const WEBHOOK_SECRET_MIN = 16;
const OBJECTS_USED = ['person', 'company', 'task', 'taskTarget', 'note', 'noteTarget'];

/**
 * Each workspace's Twenty connection: set by an admin (URL, API key, webhook secret, the
 * secrets sealed at rest and never read back), tested, installed, uninstalled, and the
 * client the sync and the webhook use. Every lookup is by the caller's workspace.
 */
@Injectable()
export class TwentyConnectionService {
  private readonly box: SecretBox;

  constructor(
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
    private readonly connections: TwentyConnectionRepository,
    private readonly records: TwentyRecordRepository,
    private readonly documents: DocumentService,
  ) {
    this.box = SecretBox.forConfig(runtime.config);
  }

  async view(workspaceId: string): Promise<TwentyConnectionView | undefined> {
    const connection = await this.connections.get(workspaceId);
    return connection && this.toView(connection);
  }

  /** Sets (or replaces) the workspace's connection after checking its form; nothing is stored when a value is refused. */
  async set(workspaceId: string, input: { apiUrl: string; apiKey: string; webhookSecret: string }): Promise<TwentyConnectionView> {
    const apiUrl = checkedUrl(input.apiUrl);
    const apiKey = input.apiKey.trim();
    if (apiKey.length < 8 || /\s/.test(apiKey))
      throw new RelanceError('BAD_USER_INPUT', 'apiKey must be a Twenty API key (Settings → APIs & Webhooks), without spaces', {
        field: 'apiKey',
      });
    const secret = input.webhookSecret.trim();
    if (secret.length < WEBHOOK_SECRET_MIN || /\s/.test(secret))
      throw new RelanceError('BAD_USER_INPUT', `webhookSecret must be at least ${WEBHOOK_SECRET_MIN} characters without spaces`, {
        field: 'webhookSecret',
      });
    const before = await this.connections.get(workspaceId);
    await this.connections.upsert(workspaceId, { apiUrl, apiKeySealed: this.box.seal(apiKey), webhookSecretSealed: this.box.seal(secret) });
    // Another Twenty has none of what was sent to the old one: everything is due again there.
    if (before && before.apiUrl !== apiUrl) await this.forget(workspaceId);
    return this.toView((await this.connections.get(workspaceId))!);
  }

  /** Forgets the connection and what the sync knew (the Twenty workspace is left as it is: uninstall first to clean it). */
  async remove(workspaceId: string): Promise<boolean> {
    const removed = await this.connections.remove(workspaceId);
    await this.forget(workspaceId);
    return removed;
  }

  /** Asks Twenty who it is and what it has; reports, never throws for Twenty's sake. */
  async test(workspaceId: string): Promise<TwentyConnectionTest> {
    const { client } = await this.required(workspaceId);
    const failed = (reachable: boolean, message: string): TwentyConnectionTest => ({
      reachable,
      authenticated: false,
      message,
      workspaceName: null,
      serverVersion: null,
      objectsPresent: [],
      objectsMissing: [],
    });
    let names: string[];
    try {
      names = (await client.objects()).filter((o) => o.isActive !== false).map((o) => o.nameSingular);
    } catch (error) {
      if (error instanceof TwentyUnavailableError) return failed(false, error.message);
      if (error instanceof TwentyApiError && error.authRefused) return failed(true, `Twenty refused the API key: ${error.message}`);
      return failed(true, (error as Error).message);
    }
    const optional = async (read: () => Promise<string | undefined>) => {
      try {
        return (await read()) ?? null;
      } catch {
        return null;
      }
    };
    const wanted = [...OBJECTS_USED, ...[...schemaAt(LATEST_TWENTY_SCHEMA).objects.values()].map((o) => o.nameSingular)];
    let identity: { displayName: string | null; changed: boolean } = { displayName: null, changed: false };
    try {
      identity = await this.identify(workspaceId, client);
    } catch (error) {
      // An older Twenty without currentWorkspace, or one gone quiet meanwhile: the test reports the rest.
      if (!(error instanceof TwentyApiError || error instanceof TwentyUnavailableError)) throw error;
    }
    const connection = (await this.connections.get(workspaceId))!;
    return {
      reachable: true,
      authenticated: true,
      message: identity.changed
        ? 'Connected to another Twenty workspace than before: Relance starts over there (installTwenty), what it had sent is sent again'
        : connection.installedVersion === LATEST_TWENTY_SCHEMA
          ? 'Connected; Relance is installed and up to date in this Twenty workspace'
          : connection.installedVersion === 0
            ? 'Connected; Relance is not installed in this Twenty workspace yet (installTwenty)'
            : `Connected; Relance version ${connection.installedVersion} is installed, ${LATEST_TWENTY_SCHEMA} is available (installTwenty upgrades)`,
      workspaceName: identity.displayName,
      serverVersion: await optional(() => client.serverVersion()),
      objectsPresent: wanted.filter((name) => names.includes(name)),
      objectsMissing: wanted.filter((name) => !names.includes(name)),
    };
  }

  /** Installs or upgrades Relance's objects and fields in the Twenty workspace (to `version`, the latest by default). */
  async install(workspaceId: string, version = LATEST_TWENTY_SCHEMA): Promise<InstallReport> {
    if (!Number.isInteger(version) || version < 1 || version > LATEST_TWENTY_SCHEMA)
      throw new RelanceError('BAD_USER_INPUT', `version must be 1 to ${LATEST_TWENTY_SCHEMA}`, { field: 'version' });
    const { client } = await this.required(workspaceId);
    // Installed where the key opens now: a key of another Twenty workspace starts there from nothing.
    await this.remote(() => this.identify(workspaceId, client));
    const connection = (await this.connections.get(workspaceId))!;
    if (version < connection.installedVersion)
      throw new RelanceError('BAD_USER_INPUT', `Version ${connection.installedVersion} is installed: a downgrade is not possible`, {
        field: 'version',
      });
    return this.remote(() => installTwentySchema(client, this.installedItems(connection), connection.installedVersion, version));
  }

  /** Removes from the Twenty workspace what Relance created there; the connection stays. */
  async uninstall(workspaceId: string): Promise<string[]> {
    const { client, connection } = await this.required(workspaceId);
    const removed = await this.remote(() => uninstallTwentySchema(client, this.installedItems(connection)));
    // Their objects are gone, and the notes hung on the Debt records with them: a reinstall sends them anew.
    await this.forget(workspaceId, ['LEASE', 'LEASE_PARTY', 'DEBT', 'NOTE', 'LETTER']);
    return removed;
  }

  async syncStatus(workspaceId: string): Promise<TwentySyncStatus> {
    const connection = await this.required(workspaceId).then((c) => c.connection);
    const today = todayIn();
    const byKind = await this.records.backlog(workspaceId, today);
    return {
      pending: byKind.reduce((sum, k) => sum + k.pending, 0),
      failing: byKind.reduce((sum, k) => sum + k.failing, 0),
      byKind,
      lagSeconds: connection.installedVersion > 0 ? await this.records.lagSeconds(workspaceId, today, connection.installedAt) : null,
      lastSyncedAt: connection.lastSyncedAt,
      lastError: connection.syncFailures > 0 ? connection.syncLastError : null,
      lastErrorAt: connection.syncFailures > 0 ? connection.syncLastErrorAt : null,
      nextAttemptAt: connection.syncNextAttemptAt,
      consecutiveFailures: connection.syncFailures,
      failures: await this.records.failures(workspaceId, 50),
    };
  }

  /**
   * Forgets what the sync sent of these kinds, or all of it. The letters' notes forgotten,
   * their shared links are revoked: the notes left in a Twenty workspace Relance no longer
   * writes to (another one, or uninstalled) open nothing; the letters sent anew get new links.
   */
  private async forget(workspaceId: string, kinds?: TwentyRecordKind[]): Promise<void> {
    await this.records.forget(workspaceId, kinds);
    if (!kinds || kinds.includes('LETTER')) await this.documents.revokeLinks(workspaceId, 'TWENTY');
  }

  /** The connection and a client for it; NOT_FOUND when the workspace has none. */
  async required(workspaceId: string): Promise<{ connection: TwentyConnection; client: TwentyClient }> {
    const connection = await this.connections.get(workspaceId);
    if (!connection) throw new RelanceError('NOT_FOUND', 'This workspace has no Twenty connection: set it with setTwentyConnection');
    return { connection, client: new TwentyClient(connection.apiUrl, this.box.open(connection.apiKeySealed)) };
  }

  /** The webhook secret of the workspace's connection, undefined without one. */
  async webhookSecret(workspaceId: string): Promise<string | undefined> {
    const connection = await this.connections.get(workspaceId);
    return connection && this.box.open(connection.webhookSecretSealed);
  }

  /** The base URL links to Relance use (PUBLIC_URL, else the API's own address). */
  publicBaseUrl(): string {
    return publicBaseUrl(this.runtime);
  }

  /**
   * Reads which Twenty workspace the key opens (`currentWorkspace`) and records it: another
   * one than recorded before — a new key on a shared server such as Twenty Cloud, same URL —
   * has none of what Relance installed or sent, which is forgotten and sent anew after an
   * install. Webhooks from any other Twenty workspace are refused once it is known.
   */
  private async identify(workspaceId: string, client: TwentyClient): Promise<{ displayName: string | null; changed: boolean }> {
    const current = await client.workspace();
    if (!current.id) return { displayName: current.displayName ?? null, changed: false };
    const seen = await this.connections.recordTwentyWorkspace(workspaceId, current.id);
    if (seen === 'CHANGED') await this.forget(workspaceId);
    return { displayName: current.displayName ?? null, changed: seen === 'CHANGED' };
  }

  /** The Twenty workspace the connection's key was last seen to open, undefined before a test or an install read it. */
  async twentyWorkspaceOf(workspaceId: string): Promise<string | undefined> {
    return (await this.connections.get(workspaceId))?.twentyWorkspaceId ?? undefined;
  }

  private installedItems(connection: TwentyConnection): InstalledItems {
    return {
      items: connection.installedItems,
      record: (key, id) => this.connections.recordInstalledItem(connection.workspaceId, key, id),
      setVersion: (version) => this.connections.setInstalledVersion(connection.workspaceId, version),
    };
  }

  /** A Twenty that cannot answer is UNAVAILABLE; a refused key or change BAD_USER_INPUT with Twenty's words. */
  private async remote<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TwentyUnavailableError) throw new RelanceError('UNAVAILABLE', error.message);
      if (error instanceof TwentyApiError)
        throw new RelanceError('BAD_USER_INPUT', error.message, { field: error.authRefused ? 'apiKey' : 'install' });
      throw error;
    }
  }

  private toView(connection: TwentyConnection): TwentyConnectionView {
    return {
      apiUrl: connection.apiUrl,
      webhookUrl: `${this.publicBaseUrl()}/webhooks/twenty/${connection.workspaceId}`,
      installedVersion: connection.installedVersion,
      latestVersion: LATEST_TWENTY_SCHEMA,
      installedAt: connection.installedAt,
      createdAt: connection.createdAt,
      updatedAt: connection.updatedAt,
    };
  }
}

function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new RelanceError('BAD_USER_INPUT', 'apiUrl must be the http(s) address of a Twenty server, e.g. https://crm.agence.fr', {
      field: 'apiUrl',
    });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash)
    throw new RelanceError('BAD_USER_INPUT', 'apiUrl must be the http(s) address of a Twenty server, without credentials or query', {
      field: 'apiUrl',
    });
  return url.toString().replace(/\/+$/, '');
}
