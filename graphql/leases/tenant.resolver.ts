import { Field, ID, InputType, ObjectType, OmitType, PartialType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, Length } from 'class-validator';
import { FieldSpec, RecordTable } from '../../src/records/record-table';
import { recordResolverFor } from '../records/record-resolver.factory';
import { ADDRESS_COLUMNS, ContactFields, STAMP_COLUMNS } from './address.fields';
import { PARTY_KINDS, PartyKind } from '../../src/domain/parties';
import { PREFERRED_CHANNELS, PreferredChannel, TENANT_PROFILES, TenantProfile } from '../../src/domain/scenario';
import { TEMPLATE_LOCALES, TemplateLocale } from '../../src/templates/template-kinds';
import { LocaleEnum, PartyKindEnum, PreferredChannelEnum, TenantProfileEnum } from '../enums';

@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
class PersonFields extends ContactFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  lastName?: string | null;

}

const PERSON_COLUMNS: Record<string, FieldSpec> = {
  ...STAMP_COLUMNS,
  firstName: { column: 'first_name', type: 'string', nullable: true, query: true, create: true, update: true },
  lastName: { column: 'last_name', type: 'string', nullable: true, query: true, create: true, update: true },
  email: { column: 'email', type: 'string', nullable: true, query: true, create: true, update: true },
  phone: { column: 'phone', type: 'string', nullable: true, query: true, create: true, update: true },
  ...ADDRESS_COLUMNS,
};

/** Landlords see the tenants and guarantors of their own leases. */
const onLandlordLease = (join: string, alias: string) =>
  `EXISTS (SELECT 1 FROM ${join} j JOIN lease x ON x.workspace_id = j.workspace_id AND x.id = j.lease_id
     WHERE j.workspace_id = ${alias}.workspace_id AND j.${join.replace('lease_', '')}_id = ${alias}.id AND x.landlord_id = $L)`;

@ObjectType({ description: 'A tenant (locataire): a person on one or more leases.' })
export class Tenant extends PersonFields {
  @Field(() => ID)
  id: string;

  @Field(() => PreferredChannelEnum, {
    nullable: true,
    description: 'None by default: a message the scenario sends by several channels (SMS and e-mail on D+3) goes by all of them; set, only by the closest.',
  })
  @IsOptional()
  @IsIn(PREFERRED_CHANNELS)
  preferredChannel?: PreferredChannel;

  @Field(() => LocaleEnum, { nullable: true, description: 'Language of the letters and messages; fr by default.' })
  @IsOptional()
  @IsIn(TEMPLATE_LOCALES)
  locale?: TemplateLocale;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  consentEmail?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  consentSms?: boolean;

  @Field(() => TenantProfileEnum, { nullable: true, description: 'Profile computed from the payment history.' })
  profile?: TenantProfile;

  @Field(() => TenantProfileEnum, { nullable: true, description: 'Manual override of the profile.' })
  @IsOptional()
  @IsIn(TENANT_PROFILES)
  profileOverride?: TenantProfile | null;

  @Field({ nullable: true, description: 'Vulnerable person: social path, no fast escalation.' })
  @IsOptional()
  @IsBoolean()
  vulnerable?: boolean;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreateTenantInput extends OmitType(Tenant, ['id', 'profile', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateTenantInput extends PartialType(CreateTenantInput) {}

export const TENANT_TABLE: RecordTable = {
  name: 'Tenant',
  table: 'tenant',
  alias: 't',
  landlordScope: onLandlordLease('lease_tenant', 't'),
  defaultOrder: [{ lastName: 'AscNullsLast' }, { firstName: 'AscNullsLast' }],
  fields: {
    ...PERSON_COLUMNS,
    preferredChannel: { column: 'preferred_channel', type: 'enum', values: PREFERRED_CHANNELS, query: true, create: true, update: true },
    consentEmail: { column: 'consent_email', type: 'boolean', query: true, create: true, update: true },
    locale: { column: 'locale', type: 'enum', values: TEMPLATE_LOCALES, query: true, create: true, update: true },
    consentSms: { column: 'consent_sms', type: 'boolean', query: true, create: true, update: true },
    profile: { column: 'profile', type: 'enum', values: TENANT_PROFILES, query: true },
    profileOverride: { column: 'profile_override', type: 'enum', values: TENANT_PROFILES, nullable: true, query: true, create: true, update: true },
    vulnerable: { column: 'vulnerable', type: 'boolean', query: true, create: true, update: true },
  },
};

@ObjectType({ description: 'A guarantor (caution) of one or more leases.' })
export class Guarantor extends PersonFields {
  @Field(() => ID)
  id: string;

  @Field(() => PartyKindEnum, { nullable: true, description: 'NATURAL_PERSON by default.' })
  @IsOptional()
  @IsIn(PARTY_KINDS)
  kind?: PartyKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  companyName?: string | null;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@InputType()
export class CreateGuarantorInput extends OmitType(Guarantor, ['id', 'createdAt', 'updatedAt'], InputType) {}

@InputType()
export class UpdateGuarantorInput extends PartialType(CreateGuarantorInput) {}

export const GUARANTOR_TABLE: RecordTable = {
  name: 'Guarantor',
  table: 'guarantor',
  alias: 'g',
  landlordScope: onLandlordLease('lease_guarantor', 'g'),
  defaultOrder: [{ lastName: 'AscNullsLast' }],
  fields: {
    ...PERSON_COLUMNS,
    kind: { column: 'kind', type: 'enum', values: PARTY_KINDS, query: true, create: true, update: true },
    companyName: { column: 'company_name', type: 'string', nullable: true, query: true, create: true, update: true },
  },
};

export const TenantResolver = recordResolverFor({
  name: 'Tenant',
  plural: 'tenants',
  node: Tenant,
  table: TENANT_TABLE,
  createInput: CreateTenantInput,
  updateInput: UpdateTenantInput,
});

export const GuarantorResolver = recordResolverFor({
  name: 'Guarantor',
  plural: 'guarantors',
  node: Guarantor,
  table: GUARANTOR_TABLE,
  createInput: CreateGuarantorInput,
  updateInput: UpdateGuarantorInput,
});
