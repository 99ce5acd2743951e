import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { LegalBlock } from './legal-block.entity';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** The latest version of a workspace's legal block in one language. */
export type LegalBlockVersion = Pick<LegalBlock, 'key' | 'locale' | 'version' | 'text'>;

/** The `legal_block` table's SQL, always within one workspace. */
@Injectable()
export class LegalBlockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's latest version of each block, per language. */
  latestVersions(workspaceId: string, db: Db = this.dataSource): Promise<LegalBlockVersion[]> {
    return db.query(
      `SELECT DISTINCT ON (key, locale) key, locale, version, text FROM legal_block WHERE workspace_id = $1 ORDER BY key, locale, version DESC`,
      [workspaceId],
    );
  }

  /**
   * Saves the next version of a block (1, 2, 3…) and returns its number. Concurrent saves of
   * one block wait for each other, so no two get the same number.
   */
  async insertNextVersion(workspaceId: string, input: Pick<LegalBlock, 'key' | 'locale' | 'text' | 'createdBy'>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`legal-block:${workspaceId}:${input.key}:${input.locale}`]);
      const [{ next }]: Array<{ next: number }> = await manager.query(
        'SELECT COALESCE(max(version), 0) + 1 AS next FROM legal_block WHERE workspace_id = $1 AND key = $2 AND locale = $3',
        [workspaceId, input.key, input.locale],
      );
      await manager.query(
        `INSERT INTO legal_block (workspace_id, key, locale, version, text, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [workspaceId, input.key, input.locale, next, input.text, input.createdBy],
      );
      return next;
    });
  }
}
