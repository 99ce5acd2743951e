import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordRepository } from '../records/record.repository';
import { Property, PROPERTY_TABLE } from './property.entity';

/** The `property` table's SQL, always within the caller's workspace (and landlord). */
@Injectable()
export class PropertyRepository extends RecordRepository<Property> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(PROPERTY_TABLE, dataSource);
  }
}
