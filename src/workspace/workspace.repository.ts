import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_PROFILE_THRESHOLDS, ProfileThresholds } from '../domain/tenant-profile';
import { selectListOf } from '../records/record-table';
import { PROFILE_THRESHOLD_FIELDS, Workspace, WORKSPACE_TABLE } from './workspace.entity';

/** A workspace's retention after a debt closes (`retentionMonthsAfterClose`) and the time zone its days are counted in. */
export interface WorkspaceRetention {
  months: number;
  timeZone: string;
}

/**
 * The `workspace` table's SQL. A workspace is its own scope: every method but those that
 * create or count workspaces takes the workspace's id first.
 */
@Injectable()
export class WorkspaceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates a workspace with its defaults (country FR, Europe/Paris, the shipped profile thresholds); its id. */
  async insert(name: string, db: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query('INSERT INTO workspace (name) VALUES ($1) RETURNING id', [name]);
    return row.id;
  }

  async count(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query('SELECT count(*)::int AS n FROM workspace');
    return row.n;
  }

  /** Every workspace's id, oldest first (the daily arrears detection goes through them all). */
  async ids(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM workspace ORDER BY created_at, id');
    return rows.map((r) => r.id);
  }

  async get(workspaceId: string): Promise<Workspace | undefined> {
    const [row]: Workspace[] = await this.dataSource.query(`SELECT ${selectListOf(WORKSPACE_TABLE)} FROM workspace w WHERE w.id = $1`, [
      workspaceId,
    ]);
    return row;
  }

  async nameOf(workspaceId: string): Promise<string | undefined> {
    const [row]: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM workspace WHERE id = $1', [workspaceId]);
    return row?.name;
  }

  /** The profile thresholds of the workspace (the shipped defaults for a workspace that is gone). */
  async profileThresholds(workspaceId: string, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<ProfileThresholds> {
    const columns = Object.entries(PROFILE_THRESHOLD_FIELDS).map(([key, field]) => `${WORKSPACE_TABLE.fields[field].column} AS "${key}"`);
    const [row]: Array<Record<keyof ProfileThresholds, number | string>> = await db.query(
      `SELECT ${columns.join(', ')} FROM workspace WHERE id = $1`,
      [workspaceId],
    );
    if (!row) return { ...DEFAULT_PROFILE_THRESHOLDS };
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as unknown as ProfileThresholds;
  }

  async retentionOf(workspaceId: string): Promise<WorkspaceRetention | undefined> {
    const [row]: Array<{ months: number; time_zone: string }> = await this.dataSource.query(
      'SELECT retention_months_after_close AS months, time_zone FROM workspace WHERE id = $1',
      [workspaceId],
    );
    return row && { months: Number(row.months), timeZone: row.time_zone };
  }

  /** Writes the given settings (fields of WORKSPACE_TABLE marked `update`) and stamps the change. */
  async update(workspaceId: string, patch: Partial<Record<keyof Workspace, unknown>>): Promise<void> {
    const entries = Object.entries(WORKSPACE_TABLE.fields).filter(
      ([field, spec]) => spec.update && patch[field as keyof Workspace] !== undefined,
    );
    if (entries.length === 0) return;
    await this.dataSource.query(
      `UPDATE workspace SET ${entries.map(([, spec], i) => `${spec.column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [workspaceId, ...entries.map(([field]) => patch[field as keyof Workspace])],
    );
  }

  /** Deletes a workspace and, by cascade, its API keys (a seed that failed half-way is undone this way). */
  async delete(workspaceId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM workspace WHERE id = $1', [workspaceId]);
  }
}
