import { Field, ID, InputType, Int, ObjectType, OmitType, PartialType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { MAX_ENTRY_CENTS } from '../../src/domain/money';
import { APPROVAL_STEPS, ApprovalStep, INFORMATION_CHANNELS, InformationChannel, PARTY_KINDS, PartyKind } from '../../src/domain/parties';
import { ApprovalStepEnum, InformationChannelEnum, PartyKindEnum } from '../enums';
import { RecordTable } from '../../src/records/record-table';
import { recordResolverFor } from '../records/record-resolver.factory';
import { ADDRESS_COLUMNS, ContactFields, STAMP_COLUMNS } from './address.fields';

@ObjectType({ description: 'A landlord (bailleur) and the settings of its mandate with the agency.' })
export class Landlord extends ContactFields {
  @Field(() => ID)
  id: string;

  @Field(() => PartyKindEnum)
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for a natural person.' })
  @IsOptional()
  @Length(1, 100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for a legal entity.' })
  @IsOptional()
  @Length(1, 200)
  companyName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'siren must be 9 digits' })
  siren?: string | null;


  @Field(() => Int, { nullable: true, description: 'Mandate: balance (cents) above which litigation may be considered.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  mandateLitigationThresholdCents?: number;

  @Field(() => [ApprovalStepEnum], { nullable: true, description: "Mandate: steps needing this landlord's approval." })
  @IsOptional()
  @ArrayMaxSize(APPROVAL_STEPS.length)
  @IsIn(APPROVAL_STEPS, { each: true })
  mandateApprovalSteps?: ApprovalStep[];

  @Field(() => [InformationChannelEnum], { nullable: true, description: 'Mandate: how the landlord is kept informed.' })
  @IsOptional()
  @ArrayMaxSize(INFORMATION_CHANNELS.length)
  @IsIn(INFORMATION_CHANNELS, { each: true })
  mandateInformationChannels?: InformationChannel[];

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreateLandlordInput extends OmitType(Landlord, ['id', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateLandlordInput extends PartialType(CreateLandlordInput) {}

export const LANDLORD_TABLE: RecordTable = {
  name: 'Landlord',
  table: 'landlord',
  alias: 'll',
  landlordScope: 'll.id = $L',
  defaultOrder: [{ createdAt: 'AscNullsLast' }],
  fields: {
    ...STAMP_COLUMNS,
    kind: { column: 'kind', type: 'enum', values: PARTY_KINDS, query: true, create: true, update: true },
    firstName: { column: 'first_name', type: 'string', nullable: true, query: true, create: true, update: true },
    lastName: { column: 'last_name', type: 'string', nullable: true, query: true, create: true, update: true },
    companyName: { column: 'company_name', type: 'string', nullable: true, query: true, create: true, update: true },
    siren: { column: 'siren', type: 'string', nullable: true, query: true, create: true, update: true },
    email: { column: 'email', type: 'string', nullable: true, query: true, create: true, update: true },
    phone: { column: 'phone', type: 'string', nullable: true, query: true, create: true, update: true },
    ...ADDRESS_COLUMNS,
    mandateLitigationThresholdCents: { column: 'mandate_litigation_threshold_cents', type: 'int', query: true, create: true, update: true },
    mandateApprovalSteps: { column: 'mandate_approval_steps', type: 'string', create: true, update: true, cast: 'text[]' },
    mandateInformationChannels: { column: 'mandate_information_channels', type: 'string', create: true, update: true, cast: 'text[]' },
  },
};

export const LandlordResolver = recordResolverFor({
  name: 'Landlord',
  plural: 'landlords',
  node: Landlord,
  table: LANDLORD_TABLE,
  createInput: CreateLandlordInput,
  updateInput: UpdateLandlordInput,
});
