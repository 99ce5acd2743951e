import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScenarioDefinition } from '../domain/scenario';
import { ScenarioVersion } from './scenario-version.entity';

/**
 * The `scenario_version` table's SQL, always within the caller's workspace. Versions are
 * only ever added: a published definition never changes.
 */
@Injectable()
export class ScenarioVersionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds the scenario's next version (one more than its latest, 1 for the first), on the
   * caller's transaction, which holds the scenario's row locked so two publishers never
   * pick the same number.
   */
  async publishNext(
    workspaceId: string,
    version: { scenarioKey: string; definition: ScenarioDefinition; publishedBy: string },
    db: EntityManager = this.dataSource.manager,
  ): Promise<Pick<ScenarioVersion, 'version' | 'publishedAt'>> {
    const [{ next }]: Array<{ next: number }> = await db.query(
      'SELECT COALESCE(max(version), 0) + 1 AS next FROM scenario_version WHERE workspace_id = $1 AND scenario_key = $2',
      [workspaceId, version.scenarioKey],
    );
    const [row]: Array<{ version: number; published_at: Date }> = await db.query(
      `INSERT INTO scenario_version (workspace_id, scenario_key, version, definition, published_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING version, published_at`,
      [workspaceId, version.scenarioKey, next, JSON.stringify(version.definition), version.publishedBy],
    );
    return { version: row.version, publishedAt: new Date(row.published_at).toISOString() };
  }
}
