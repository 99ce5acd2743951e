import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { Guarantor, GUARANTOR_TABLE } from './guarantor.entity';

/** The `guarantor` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class GuarantorRepository extends RecordRepository<Guarantor> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(GUARANTOR_TABLE, dataSource);
  }

  /** Which of `ids` are guarantors of the workspace (any landlord's: a lease's parties are set by agents). */
  async existingIds(workspaceId: string, ids: string[], db: DataSource | EntityManager = this.dataSource): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await db.query('SELECT id FROM guarantor WHERE workspace_id = $1 AND id = ANY($2::uuid[])', [
      workspaceId,
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }
}
