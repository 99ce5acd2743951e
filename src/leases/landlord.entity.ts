import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { MAX_ENTRY_CENTS } from '../domain/money';
import { APPROVAL_STEPS, ApprovalStep, INFORMATION_CHANNELS, InformationChannel, PARTY_KINDS, PartyKind } from '../domain/parties';
import { CONTACT_ACCESS, ContactFields } from '../records/contact-fields';
import { recordTableOf } from '../records/record-entity';

/**
 * A landlord (bailleur) and the settings of its mandate with the agency: the one
 * declaration of the `landlord` table (columns, GraphQL fields, validation). A LANDLORD
 * API key is bound to one of these rows.
 */
@Entity('landlord')
@ObjectType({ description: 'A landlord (bailleur) and the settings of its mandate with the agency.' })
export class Landlord extends ContactFields {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 16, enum: PARTY_KINDS })
  @Field(() => enumOf(PARTY_KINDS))
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @Column({ name: 'first_name', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  firstName?: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Required for a natural person.' })
  @IsOptional()
  @Length(1, 100)
  lastName?: string | null;

  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Required for a legal entity.' })
  @IsOptional()
  @Length(1, 200)
  companyName?: string | null;

  @Column({ type: 'char', length: 9, nullable: true })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'siren must be 9 digits' })
  siren?: string | null;

  @Column({ name: 'family_sci', type: 'boolean' })
  @Field({
    nullable: true,
    description:
      'A family SCI (partners related up to the fourth degree): exempt from the CCAPEX referral a legal-entity landlord makes before summoning (loi 89-462 art. 24 II).',
  })
  @IsOptional()
  @IsBoolean()
  familySci?: boolean;

  @Column({ name: 'professional_creditor', type: 'boolean', nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description:
      'A professional creditor must inform natural-person guarantors of the first payment incident within the month (C. civ. 2303). Unset: a legal entity is one, a natural person is not.',
  })
  @IsOptional()
  @IsBoolean()
  professionalCreditor?: boolean | null;

  @Column({ name: 'mandate_litigation_threshold_cents', type: 'integer' })
  @Field(() => Int, { nullable: true, description: 'Mandate: balance (cents) above which litigation may be considered.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENTRY_CENTS)
  mandateLitigationThresholdCents?: number;

  @Column({ name: 'mandate_approval_steps', type: 'text', array: true })
  @Field(() => [enumOf(APPROVAL_STEPS)], { nullable: true, description: "Mandate: steps needing this landlord's approval." })
  @IsOptional()
  @ArrayMaxSize(APPROVAL_STEPS.length)
  @IsIn(APPROVAL_STEPS, { each: true })
  mandateApprovalSteps?: ApprovalStep[];

  @Column({ name: 'mandate_information_channels', type: 'text', array: true })
  @Field(() => [enumOf(INFORMATION_CHANNELS)], { nullable: true, description: 'Mandate: how the landlord is kept informed.' })
  @IsOptional()
  @ArrayMaxSize(INFORMATION_CHANNELS.length)
  @IsIn(INFORMATION_CHANNELS, { each: true })
  mandateInformationChannels?: InformationChannel[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field()
  updatedAt: string;
}

/** A LANDLORD key sees its own landlord only. */
export const LANDLORD_TABLE = recordTableOf(Landlord, {
  alias: 'll',
  landlordScope: 'll.id = $L',
  defaultOrder: [{ createdAt: 'AscNullsLast' }],
  fields: {
    createdAt: { query: true },
    updatedAt: { query: true },
    kind: { query: true, create: true, update: true },
    firstName: { query: true, create: true, update: true },
    lastName: { query: true, create: true, update: true },
    companyName: { query: true, create: true, update: true },
    siren: { query: true, create: true, update: true },
    ...CONTACT_ACCESS,
    familySci: { query: true, create: true, update: true },
    professionalCreditor: { query: true, create: true, update: true },
    mandateLitigationThresholdCents: { query: true, create: true, update: true },
    // Arrays are written whole and not filtered.
    mandateApprovalSteps: { create: true, update: true },
    mandateInformationChannels: { create: true, update: true },
  },
});
