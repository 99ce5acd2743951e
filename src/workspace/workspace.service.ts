import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ApiKeyRole } from '../auth/actor';
import { ApiKeyService, IssuedApiKey } from '../auth/api-key.service';
import { RelanceError } from '../common/relance.error';
import { ProfileThresholds, validateProfileThresholds } from '../domain/tenant-profile';
import { PROFILE_THRESHOLD_FIELDS, Workspace } from './workspace.entity';
import { WorkspaceRepository, WorkspaceRetention } from './workspace.repository';

export type { WorkspaceRetention } from './workspace.repository';

export interface CreatedWorkspace {
  workspaceId: string;
  name: string;
  apiKeyId: string;
  /** The admin key in clear: shown once, only its hash is stored. */
  apiKey: string;
}

/** Settings a workspace always has: an update may change them, never clear them. */
const REQUIRED_SETTINGS: readonly string[] = [
  'name',
  'country',
  'timeZone',
  ...Object.values(PROFILE_THRESHOLD_FIELDS),
  'retentionMonthsAfterClose',
];

/** Workspaces: one agency each, its settings, and its first API key. */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly apiKeys: ApiKeyService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The service over a data source, for commands that run without the Nest application
   * (`relance create-workspace`, `relance seed-demo`).
   */
  static on(dataSource: DataSource): WorkspaceService {
    return new WorkspaceService(new WorkspaceRepository(dataSource), ApiKeyService.on(dataSource), dataSource);
  }

  /**
   * Creates a workspace and its first ADMIN key in one transaction.
   *
   * @example
   * const { apiKey } = await workspaces.createWorkspace('Agence Dupont');
   */
  async createWorkspace(name: string): Promise<CreatedWorkspace> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200) {
      throw new RelanceError('BAD_USER_INPUT', 'name must be 1 to 200 characters', { field: 'name' });
    }
    return this.dataSource.transaction(async (manager) => {
      const workspaceId = await this.workspaces.insert(trimmed, manager);
      const key = await this.apiKeys.issue(workspaceId, { name: 'First admin key', role: 'ADMIN' }, { db: manager });
      return { workspaceId, name: trimmed, apiKeyId: key.id, apiKey: key.key };
    });
  }

  /** Issues another key in the workspace (tests and scripts use it; the admin API goes through WorkspaceApiKeysService). */
  createApiKey(workspaceId: string, name: string, role: ApiKeyRole, landlordId?: string): Promise<IssuedApiKey> {
    return this.apiKeys.issue(workspaceId, { name, role, landlordId });
  }

  countWorkspaces(): Promise<number> {
    return this.workspaces.count();
  }

  /** Every workspace's id, oldest first. */
  workspaceIds(): Promise<string[]> {
    return this.workspaces.ids();
  }

  async getWorkspaceName(workspaceId: string): Promise<string> {
    const name = await this.workspaces.nameOf(workspaceId);
    if (name === undefined) throw new RelanceError('NOT_FOUND', `No workspace ${workspaceId}`);
    return name;
  }

  /** The caller's workspace. */
  async get(actor: Actor): Promise<Workspace> {
    const workspace = await this.workspaces.get(actor.workspaceId);
    if (!workspace) throw new RelanceError('NOT_FOUND', `No workspace ${actor.workspaceId}`);
    return workspace;
  }

  /** The workspace's tenant-profile thresholds, in the caller's transaction when it passes `db`. */
  profileThresholds(workspaceId: string, db?: Pick<EntityManager, 'query'>): Promise<ProfileThresholds> {
    return this.workspaces.profileThresholds(workspaceId, db);
  }

  /**
   * How long the workspace keeps a closed debt's free text, and the time zone its days are
   * counted in (the retention Schedule's reading); undefined for a workspace that is gone.
   */
  retentionOf(workspaceId: string): Promise<WorkspaceRetention | undefined> {
    return this.workspaces.retentionOf(workspaceId);
  }

  /**
   * Changes the caller's workspace settings (an ADMIN's, checked by the API) given as
   * `path` (`data`): required settings cannot be cleared, and the profile thresholds are
   * checked together, as they will stand once saved.
   */
  async update(actor: Actor, input: Partial<Record<keyof Workspace, unknown>>, path = 'data'): Promise<Workspace> {
    const nulled = REQUIRED_SETTINGS.find((f) => input[f as keyof Workspace] === null);
    if (nulled) throw new RelanceError('BAD_USER_INPUT', `${path}.${nulled} cannot be null`, { field: `${path}.${nulled}` });
    const current = await this.workspaces.profileThresholds(actor.workspaceId);
    const next = Object.fromEntries(
      Object.entries(current).map(([key, value]) => [
        key,
        (input[PROFILE_THRESHOLD_FIELDS[key as keyof ProfileThresholds]] as number | undefined) ?? value,
      ]),
    ) as unknown as ProfileThresholds;
    const [problem] = validateProfileThresholds(next);
    if (problem) {
      const field = `${path}.${PROFILE_THRESHOLD_FIELDS[problem.field]}`;
      throw new RelanceError('BAD_USER_INPUT', `${field} ${problem.message}`, { field });
    }
    await this.workspaces.update(actor.workspaceId, input);
    return this.get(actor);
  }

  /** Deletes a workspace and its keys: undoes a workspace whose seeding failed. */
  deleteWorkspace(workspaceId: string): Promise<void> {
    return this.workspaces.delete(workspaceId);
  }
}

/**
 * A workspace's profile thresholds read on the caller's transaction (the shipped defaults
 * for a workspace that is gone): for code that runs without the application too.
 */
export function workspaceProfileThresholds(manager: EntityManager, workspaceId: string): Promise<ProfileThresholds> {
  return new WorkspaceRepository(manager.connection).profileThresholds(workspaceId, manager);
}
