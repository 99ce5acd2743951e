import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Guarantor, GUARANTOR_TABLE } from '../../src/leases/guarantor.entity';
import { GuarantorService } from '../../src/leases/guarantor.service';
import { recordResolverFor } from '../records/record-resolver.factory';

@InputType()
export class CreateGuarantorInput extends OmitType(Guarantor, ['id', 'workspaceId', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateGuarantorInput extends PartialType(CreateGuarantorInput) {}

export const GuarantorResolver = recordResolverFor({
  name: 'Guarantor',
  plural: 'guarantors',
  node: Guarantor,
  table: GUARANTOR_TABLE,
  service: GuarantorService,
  createInput: CreateGuarantorInput,
  updateInput: UpdateGuarantorInput,
});
