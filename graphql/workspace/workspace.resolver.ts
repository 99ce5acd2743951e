import { Args, Field, ID, InputType, Int, Mutation, ObjectType, PartialType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor, API_KEY_ROLES, ApiKeyRole } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { validateInput } from '../../src/common/validation.pipe';
import { RecordStore } from '../../src/records/record-store';
import { RecordTable, selectListOf } from '../../src/records/record-table';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { loadProfileThresholds, PROFILE_THRESHOLD_COLUMNS } from '../../src/debt/tenant-profile';
import { PROFILE_THRESHOLD_BOUNDS as BOUNDS, ProfileThresholds, validateProfileThresholds } from '../../src/domain/tenant-profile';
import { ApiKeyRoleEnum } from '../enums';
import { recordResolverFor } from '../records/record-resolver.factory';
import { ADDRESS_COLUMNS, ContactFields } from './address.fields';
import { IsTimeZone } from './validation';

@ObjectType({ description: 'The agency: its letterhead, payment instructions and time zone.' })
export class Workspace extends ContactFields {
  @Field(() => ID) id: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  legalName?: string | null;


  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, { message: 'iban must be an IBAN without spaces' })
  iban?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'bic must be a BIC' })
  bic?: string | null;

  @Field(() => String, { nullable: true, description: 'Shown on letters: how to pay.' })
  @IsOptional()
  @Length(1, 2000)
  paymentInstructions?: string | null;

  @Field({ description: 'IANA time zone; Europe/Paris by default.' })
  @IsOptional()
  @IsTimeZone()
  timeZone: string;

  // The thresholds of tenant profiles (docs/scenarios.md, "Which profile a debt gets").

  @Field(() => Int, { description: `Months of history a debt's profile looks at (12 by default, ${BOUNDS.windowMonths.min} to ${BOUNDS.windowMonths.max}).` })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.windowMonths.min)
  @Max(BOUNDS.windowMonths.max)
  profileWindowMonths: number;

  @Field(() => Int, { description: 'A one-off late payer paid at least this many months on time in the window (6 by default).' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.oneOffMinMonthsOnTime.min)
  @Max(BOUNDS.oneOffMinMonthsOnTime.max)
  profileOneOffMinMonthsOnTime: number;

  @Field(() => Int, { description: 'A one-off late payer owes at most this share of a month’s rent and charges, in percent (110 by default: about one month).' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.oneOffMaxArrearsPercent.min)
  @Max(BOUNDS.oneOffMaxArrearsPercent.max)
  profileOneOffMaxArrearsPercent: number;

  @Field(() => Int, { description: 'A chronic late payer had at least this many earlier debts in the window (2 by default)…' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.chronicMinEarlierDebts.min)
  @Max(BOUNDS.chronicMinEarlierDebts.max)
  profileChronicMinEarlierDebts: number;

  @Field(() => Int, { description: '…or paid at least this many months late in it (3 by default).' })
  @IsOptional()
  @IsInt()
  @Min(BOUNDS.chronicMinMonthsLate.min)
  @Max(BOUNDS.chronicMinMonthsLate.max)
  profileChronicMinMonthsLate: number;
}

/** The Workspace field of each profile threshold: `windowMonths` → `profileWindowMonths`. */
const thresholdField = (key: keyof ProfileThresholds) => `profile${key[0].toUpperCase()}${key.slice(1)}`;

@InputType()
export class UpdateWorkspaceInput extends PartialType(Workspace, InputType) {}

const WORKSPACE_TABLE: RecordTable = {
  name: 'Workspace', table: 'workspace', alias: 'w', landlordScope: 'TRUE', defaultOrder: [],
  fields: {
    id: { column: 'id', type: 'uuid' },
    name: { column: 'name', type: 'string', update: true },
    legalName: { column: 'legal_name', type: 'string', update: true },
    ...ADDRESS_COLUMNS,
    phone: { column: 'phone', type: 'string', update: true },
    email: { column: 'email', type: 'string', update: true },
    iban: { column: 'iban', type: 'string', update: true },
    bic: { column: 'bic', type: 'string', update: true },
    paymentInstructions: { column: 'payment_instructions', type: 'string', update: true },
    timeZone: { column: 'time_zone', type: 'string', update: true },
    ...Object.fromEntries(
      Object.entries(PROFILE_THRESHOLD_COLUMNS).map(([key, column]) => [thresholdField(key as keyof ProfileThresholds), { column, type: 'int' as const, update: true }]),
    ),
  },
};

@ObjectType({ description: 'An API key (its secret is never shown again after creation).' })
export class ApiKey {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ApiKeyRoleEnum) role: ApiKeyRole;
  @Field(() => ID, { nullable: true }) landlordId: string | null;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) revokedAt: string | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => ApiKeyRoleEnum)
  @IsIn(API_KEY_ROLES)
  role: ApiKeyRole;

  @Field(() => ID, { nullable: true, description: 'Required for, and only for, a LANDLORD key.' })
  @IsOptional()
  @IsUUID('all', { message: 'landlordId must be a UUID' })
  landlordId?: string | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'The key to send as "Authorization: Bearer …"; shown this once only.' }) secret: string;
}

const API_KEY_TABLE: RecordTable = {
  name: 'ApiKey', table: 'api_key', alias: 'k', landlordScope: 'FALSE', defaultOrder: [{ createdAt: 'AscNullsLast' }],
  fields: {
    id: { column: 'id', type: 'uuid' },
    name: { column: 'name', type: 'string', query: true },
    role: { column: 'role', type: 'enum', values: API_KEY_ROLES, query: true },
    landlordId: { column: 'landlord_id', type: 'uuid', nullable: true, query: true },
    createdAt: { column: 'created_at', type: 'timestamp', query: true },
    revokedAt: { column: 'revoked_at', type: 'timestamp', nullable: true, query: true },
  },
};

export const ApiKeyResolver = recordResolverFor({
  name: 'ApiKey',
  plural: 'apiKeys',
  node: ApiKey,
  table: API_KEY_TABLE,
  readRoles: ['ADMIN'],
});

/** The agency's own settings and its API keys; changing either takes an ADMIN key. */
@Resolver(() => Workspace)
export class WorkspaceResolver {
  private readonly keys: RecordStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workspaces: WorkspaceService,
  ) {
    this.keys = new RecordStore(API_KEY_TABLE, dataSource);
  }

  @Query(() => Workspace, { description: 'The workspace of the calling key.' })
  async workspace(@CurrentActor() actor: Actor): Promise<Workspace> {
    const [row] = await this.dataSource.query(`SELECT ${selectListOf(WORKSPACE_TABLE)} FROM workspace w WHERE w.id = $1`, [actor.workspaceId]);
    return row;
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Workspace)
  async updateWorkspace(@CurrentActor() actor: Actor, @Args('data', { type: () => UpdateWorkspaceInput }) data: UpdateWorkspaceInput) {
    const input = (await validateInput(UpdateWorkspaceInput, data, 'data')) as Record<string, unknown>;
    const entries = Object.entries(WORKSPACE_TABLE.fields).filter(([f, spec]) => spec.update && input[f] !== undefined);
    const required = ['name', 'country', 'timeZone', ...Object.keys(PROFILE_THRESHOLD_COLUMNS).map((k) => thresholdField(k as keyof ProfileThresholds))];
    const nulled = entries.find(([f]) => required.includes(f) && input[f] === null);
    if (nulled) throw new RelanceError('BAD_USER_INPUT', `data.${nulled[0]} cannot be null`, { field: `data.${nulled[0]}` });
    // Thresholds are checked together, as they will stand once saved.
    const current = await loadProfileThresholds(this.dataSource, actor.workspaceId);
    const next = Object.fromEntries(
      Object.entries(current).map(([key, value]) => [key, (input[thresholdField(key as keyof ProfileThresholds)] as number | undefined) ?? value]),
    ) as unknown as ProfileThresholds;
    const [problem] = validateProfileThresholds(next);
    if (problem) {
      const field = `data.${thresholdField(problem.field)}`;
      throw new RelanceError('BAD_USER_INPUT', `${field} ${problem.message}`, { field });
    }
    if (entries.length > 0) {
      await this.dataSource.query(
        `UPDATE workspace SET ${entries.map(([, s], i) => `${s.column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [actor.workspaceId, ...entries.map(([f]) => input[f])],
      );
    }
    return this.workspace(actor);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => CreatedApiKey, { description: 'Issues a key; a LANDLORD key is bound to one landlord.' })
  async createApiKey(@CurrentActor() actor: Actor, @Args('data', { type: () => CreateApiKeyInput }) data: CreateApiKeyInput) {
    const input = await validateInput(CreateApiKeyInput, data, 'data');
    const landlordBound = input.role === 'LANDLORD';
    if (landlordBound !== Boolean(input.landlordId)) {
      throw new RelanceError('BAD_USER_INPUT', 'data.landlordId is required for a LANDLORD key and only for it', { field: 'data.landlordId' });
    }
    if (input.landlordId) {
      const known = await this.dataSource.query('SELECT 1 FROM landlord WHERE workspace_id = $1 AND id = $2', [actor.workspaceId, input.landlordId]);
      if (known.length === 0) {
        throw new RelanceError('BAD_USER_INPUT', 'data.landlordId is not a landlord of this workspace', { field: 'data.landlordId' });
      }
    }
    const created = await this.workspaces.createApiKey(actor.workspaceId, input.name, input.role as ApiKeyRole, input.landlordId ?? undefined);
    return { apiKey: await this.keys.get(actor, created.id), secret: created.key };
  }

  @RequireRoles('ADMIN')
  @Mutation(() => ApiKey, { description: 'Revokes a key at once; the calling key cannot revoke itself.' })
  async revokeApiKey(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    await this.keys.get(actor, id);
    if (id === actor.apiKeyId) throw new RelanceError('CONFLICT', 'A key cannot revoke itself', { field: 'id' });
    await this.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL', [actor.workspaceId, id]);
    return this.keys.get(actor, id);
  }
}
