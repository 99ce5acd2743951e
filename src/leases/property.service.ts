import { Injectable } from '@nestjs/common';
import { RecordService } from '../records/record.service';
import { Property } from './property.entity';
import { PropertyRepository } from './property.repository';

/** Properties: the generic record API, nothing more today. */
@Injectable()
export class PropertyService extends RecordService<Property> {
  constructor(properties: PropertyRepository) {
    super(properties);
  }
}
