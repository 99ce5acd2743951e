import { Field, ID, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { LOCALES, Locale } from '../domain/parties';
import { PREFERRED_CHANNELS, PreferredChannel, TENANT_PROFILES, TenantProfile } from '../domain/scenario';
import { recordTableOf } from '../records/record-entity';
import { onLandlordLease, PERSON_ACCESS, PersonFields } from './person-fields';

/**
 * A tenant (locataire): the one declaration of the `tenant` table. Its payment profile is
 * computed from the history (debt feature); its preferred channel and consents decide how
 * messages reach it.
 */
@Entity('tenant')
@Index('tenant_name', ['workspaceId', 'lastName', 'firstName'])
@ObjectType({ description: 'A tenant (locataire): a person on one or more leases.' })
export class Tenant extends PersonFields {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'preferred_channel', type: 'varchar', length: 8, nullable: true, enum: PREFERRED_CHANNELS })
  @Field(() => enumOf(PREFERRED_CHANNELS), {
    nullable: true,
    description:
      'None by default: a message the scenario sends by several channels (SMS and e-mail on D+3) goes by all of them; set, only by the closest.',
  })
  @IsOptional()
  @IsIn(PREFERRED_CHANNELS)
  preferredChannel?: PreferredChannel;

  @Column({ type: 'varchar', length: 2, enum: LOCALES })
  @Field(() => enumOf(LOCALES), { nullable: true, description: 'Language of the letters and messages; fr by default.' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @Column({ name: 'consent_email', type: 'boolean' })
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  consentEmail?: boolean;

  @Column({ name: 'consent_sms', type: 'boolean' })
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  consentSms?: boolean;

  @Column({ type: 'varchar', length: 12, enum: TENANT_PROFILES })
  @Field(() => enumOf(TENANT_PROFILES), { nullable: true, description: 'Profile computed from the payment history.' })
  profile?: TenantProfile;

  @Column({ name: 'profile_override', type: 'varchar', length: 12, nullable: true, enum: TENANT_PROFILES })
  @Field(() => enumOf(TENANT_PROFILES), { nullable: true, description: 'Manual override of the profile.' })
  @IsOptional()
  @IsIn(TENANT_PROFILES)
  profileOverride?: TenantProfile | null;

  @Column({ type: 'boolean' })
  @Field({ nullable: true, description: 'Vulnerable person: social path, no fast escalation.' })
  @IsOptional()
  @IsBoolean()
  vulnerable?: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** Landlords see the tenants of their own leases. */
export const TENANT_TABLE = recordTableOf(Tenant, {
  alias: 't',
  landlordScope: onLandlordLease('lease_tenant', 't'),
  defaultOrder: [{ lastName: 'AscNullsLast' }, { firstName: 'AscNullsLast' }],
  fields: {
    ...PERSON_ACCESS,
    preferredChannel: { query: true, create: true, update: true },
    consentEmail: { query: true, create: true, update: true },
    locale: { query: true, create: true, update: true },
    consentSms: { query: true, create: true, update: true },
    profile: { query: true },
    profileOverride: { query: true, create: true, update: true },
    vulnerable: { query: true, create: true, update: true },
  },
});
