import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { Landlord, LANDLORD_TABLE } from './landlord.entity';

/** The `landlord` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class LandlordRepository extends RecordRepository<Landlord> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(LANDLORD_TABLE, dataSource);
  }

  /** Whether `landlordId` names a landlord of the workspace (whichever key asks). */
  async exists(workspaceId: string, landlordId: string, db: DataSource | EntityManager = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query('SELECT 1 FROM landlord WHERE workspace_id = $1 AND id = $2', [workspaceId, landlordId]);
    return rows.length > 0;
  }

  /**
   * The landlords of every workspace with this e-mail address (case-insensitive), at most
   * `limit`: the one unscoped read, for a landlord asking for a sign-in link, who has no
   * workspace yet. Nothing of them leaves the server but the e-mail sent to that address.
   */
  async withEmailInAnyWorkspace(
    email: string,
    limit: number,
  ): Promise<Array<{ workspaceId: string; id: string; name: string; email: string }>> {
    return this.dataSource.query(
      `SELECT workspace_id AS "workspaceId", id, email,
              COALESCE(company_name, concat_ws(' ', first_name, last_name)) AS name
       FROM landlord WHERE lower(email) = lower($1) ORDER BY created_at, id LIMIT $2`,
      [email, limit],
    );
  }
}
