import { Args, Field, ID, InputType, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { validateInput } from '../../src/common/validation.pipe';
import { RecordStore } from '../../src/records/record-store';
import { Lease, LEASE_TABLE } from './lease.object';

@InputType({ description: 'Who is on a lease: its tenants (1 to 10) and guarantors (0 to 10).' })
export class LeasePartiesInput {
  @Field(() => [ID])
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'tenantIds must hold UUIDs' })
  tenantIds: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'guarantorIds must hold UUIDs' })
  guarantorIds?: string[];
}

/** Tenants and guarantors of a lease: read as id lists, replaced whole by one mutation. */
@Resolver(() => Lease)
export class LeasePartiesResolver {
  private readonly leases: RecordStore;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.leases = new RecordStore(LEASE_TABLE, dataSource);
  }

  @ResolveField(() => [ID], { description: 'Tenants (colocataires) on the lease.' })
  async tenantIds(@CurrentActor() actor: Actor, @Parent() lease: Lease): Promise<string[]> {
    const rows = await this.dataSource.query(
      'SELECT tenant_id FROM lease_tenant WHERE workspace_id = $1 AND lease_id = $2 ORDER BY tenant_id',
      [actor.workspaceId, lease.id],
    );
    return rows.map((r: { tenant_id: string }) => r.tenant_id);
  }

  @ResolveField(() => [ID], { description: 'Guarantors (cautions) of the lease.' })
  async guarantorIds(@CurrentActor() actor: Actor, @Parent() lease: Lease): Promise<string[]> {
    const rows = await this.dataSource.query(
      'SELECT guarantor_id FROM lease_guarantor WHERE workspace_id = $1 AND lease_id = $2 ORDER BY guarantor_id',
      [actor.workspaceId, lease.id],
    );
    return rows.map((r: { guarantor_id: string }) => r.guarantor_id);
  }

  @WriteAccess()
  @Mutation(() => Lease, { description: 'Replaces the tenants (and guarantors, when given) of a lease.' })
  async setLeaseParties(
    @CurrentActor() actor: Actor,
    @Args('leaseId', { type: () => ID }) leaseId: string,
    @Args('data', { type: () => LeasePartiesInput }) data: LeasePartiesInput,
  ): Promise<unknown> {
    const input = await validateInput(LeasePartiesInput, data, 'data');
    if (input.tenantIds.length === 0) {
      throw new RelanceError('BAD_USER_INPUT', 'data.tenantIds: a lease needs at least one tenant', { field: 'data.tenantIds' });
    }
    await this.dataSource.transaction(async (manager) => {
      await this.leases.get(actor, leaseId, manager);
      // One writer at a time per lease: two replacements racing would collide on the key.
      await manager.query('SELECT 1 FROM lease WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [actor.workspaceId, leaseId]);
      for (const [party, ids] of [['tenant', input.tenantIds], ['guarantor', input.guarantorIds]] as const) {
        if (!ids) continue;
        const unique = [...new Set(ids)];
        const known: Array<{ id: string }> = await manager.query(
          `SELECT id FROM ${party} WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
          [actor.workspaceId, unique],
        );
        const missing = unique.findIndex((id) => !known.some((k) => k.id === id));
        if (missing >= 0) {
          const field = `data.${party}Ids[${ids.indexOf(unique[missing])}]`;
          throw new RelanceError('BAD_USER_INPUT', `${field} is not a ${party} of this workspace`, { field });
        }
        await manager.query(`DELETE FROM lease_${party} WHERE workspace_id = $1 AND lease_id = $2`, [actor.workspaceId, leaseId]);
        await manager.query(
          `INSERT INTO lease_${party} (workspace_id, lease_id, ${party}_id) SELECT $1, $2, unnest($3::uuid[])`,
          [actor.workspaceId, leaseId, unique],
        );
      }
    });
    return this.leases.get(actor, leaseId);
  }
}
