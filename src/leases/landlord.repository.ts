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
}
