import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageTemplate } from './message-template.entity';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** The latest version of a workspace's template in one language and tone. */
export type TemplateVersion = Pick<MessageTemplate, 'key' | 'locale' | 'tone' | 'version' | 'subject' | 'body'>;

/** The `message_template` table's SQL, always within one workspace. */
@Injectable()
export class MessageTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's latest version of each template (of one key, or all), per language and tone. */
  latestVersions(workspaceId: string, key?: string, db: Db = this.dataSource): Promise<TemplateVersion[]> {
    return db.query(
      `SELECT DISTINCT ON (key, locale, tone) key, locale, tone, version, subject, body FROM message_template
       WHERE workspace_id = $1 AND ($2::text IS NULL OR key = $2) ORDER BY key, locale, tone, version DESC`,
      [workspaceId, key ?? null],
    );
  }

  /**
   * Saves the next version of a template (1, 2, 3…) and returns its number. Concurrent saves
   * of one template wait for each other, so no two get the same number.
   */
  async insertNextVersion(
    workspaceId: string,
    input: Pick<MessageTemplate, 'key' | 'locale' | 'tone' | 'subject' | 'body' | 'createdBy'>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `template:${workspaceId}:${input.key}:${input.locale}:${input.tone}`,
      ]);
      const [{ next }]: Array<{ next: number }> = await manager.query(
        'SELECT COALESCE(max(version), 0) + 1 AS next FROM message_template WHERE workspace_id = $1 AND key = $2 AND locale = $3 AND tone = $4',
        [workspaceId, input.key, input.locale, input.tone],
      );
      await manager.query(
        `INSERT INTO message_template (workspace_id, key, locale, tone, version, subject, body, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [workspaceId, input.key, input.locale, input.tone, next, input.subject, input.body, input.createdBy],
      );
      return next;
    });
  }
}
