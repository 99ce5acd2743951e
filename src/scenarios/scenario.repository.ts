import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScenarioDefinition } from '../domain/scenario';
import { Scenario } from './scenario.entity';
import { ScenarioVersion } from './scenario-version.entity';

/** A stored scenario with its published versions, oldest first. */
export type StoredScenario = Pick<Scenario, 'key' | 'name' | 'draft' | 'archivedAt'> & {
  versions: Array<Pick<ScenarioVersion, 'version' | 'definition' | 'publishedAt'>>;
};

/**
 * The `scenario` table's SQL, always within the caller's workspace. Each method takes an
 * optional `db` to run on the caller's transaction (the data source otherwise).
 */
@Injectable()
export class ScenarioRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's scenarios (or the one of `key`), by key, each with its versions; timestamps as ISO strings. */
  async listWithVersions(workspaceId: string, key?: string, db: EntityManager = this.dataSource.manager): Promise<StoredScenario[]> {
    const rows: Array<{
      key: string;
      name: string;
      draft: ScenarioDefinition | null;
      archived_at: Date | null;
      versions: Array<{ version: number; definition: ScenarioDefinition; publishedAt: string }> | null;
    }> = await db.query(
      `SELECT s.key, s.name, s.draft, s.archived_at,
              (SELECT json_agg(json_build_object('version', v.version, 'definition', v.definition, 'publishedAt', v.published_at) ORDER BY v.version)
               FROM scenario_version v WHERE v.workspace_id = s.workspace_id AND v.scenario_key = s.key) AS versions
       FROM scenario s WHERE s.workspace_id = $1 AND ($2::text IS NULL OR s.key = $2) ORDER BY s.key`,
      [workspaceId, key ?? null],
    );
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      draft: r.draft,
      archivedAt: r.archived_at ? new Date(r.archived_at).toISOString() : null,
      versions: (r.versions ?? []).map((v) => ({ ...v, publishedAt: new Date(v.publishedAt).toISOString() })),
    }));
  }

  /** Locks the scenario's row FOR UPDATE on the caller's transaction: its draft and whether it is archived, or undefined. */
  async lock(workspaceId: string, key: string, db: EntityManager): Promise<Pick<Scenario, 'draft' | 'archivedAt'> | undefined> {
    const [row]: Array<{ draft: ScenarioDefinition | null; archived_at: Date | null }> = await db.query(
      'SELECT draft, archived_at FROM scenario WHERE workspace_id = $1 AND key = $2 FOR UPDATE',
      [workspaceId, key],
    );
    return row && { draft: row.draft, archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null };
  }

  /** Creates the scenario of `draft.key` with this draft, or replaces its name and draft. */
  async saveDraft(workspaceId: string, draft: ScenarioDefinition, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `INSERT INTO scenario (workspace_id, key, name, draft) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, key) DO UPDATE SET name = EXCLUDED.name, draft = EXCLUDED.draft, updated_at = now()`,
      [workspaceId, draft.key, draft.name, JSON.stringify(draft)],
    );
  }

  /** Clears the draft (it was just published). */
  async clearDraft(workspaceId: string, key: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query('UPDATE scenario SET draft = NULL, updated_at = now() WHERE workspace_id = $1 AND key = $2', [workspaceId, key]);
  }

  async archive(workspaceId: string, key: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query('UPDATE scenario SET archived_at = now(), updated_at = now() WHERE workspace_id = $1 AND key = $2', [workspaceId, key]);
  }

  /** Whether the workspace has the scenario, whether it is archived, and its latest version if any. */
  async latestVersion(
    workspaceId: string,
    key: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ archived: boolean; latest?: Pick<ScenarioVersion, 'version' | 'definition'> } | undefined> {
    const [row]: Array<{ archived_at: Date | null; version: number | null; definition: ScenarioDefinition | null }> = await db.query(
      `SELECT s.archived_at, v.version, v.definition FROM scenario s
       LEFT JOIN LATERAL (SELECT version, definition FROM scenario_version sv
                          WHERE sv.workspace_id = s.workspace_id AND sv.scenario_key = s.key ORDER BY version DESC LIMIT 1) v ON true
       WHERE s.workspace_id = $1 AND s.key = $2`,
      [workspaceId, key],
    );
    if (!row) return undefined;
    return {
      archived: Boolean(row.archived_at),
      ...(row.version ? { latest: { version: row.version, definition: row.definition! } } : {}),
    };
  }
}
