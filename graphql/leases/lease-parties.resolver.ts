import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { validateInput } from '../../src/common/validation.pipe';
import { Lease } from '../../src/leases/lease.entity';
import { LeaseService } from '../../src/leases/lease.service';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { LeasePartiesInput } from './lease-parties.input';

/**
 * Tenants and guarantors of a lease: read as id lists, replaced whole by one mutation. The
 * lists of a page's leases load in one batch per list (one statement each), however many
 * leases the page holds.
 */
@Resolver(() => Lease)
export class LeasePartiesResolver {
  constructor(private readonly leases: LeaseService) {}

  @ResolveField(() => [ID], { description: 'Tenants (colocataires) on the lease.' })
  tenantIds(lease: Lease, _args: unknown, context: GraphqlRequestContext): Promise<string[]> {
    const { actor, loaders } = rowScope(context);
    return loaders.of<string, string[]>('lease.tenantIds', (ids) => this.leases.tenantIdsOf(actor, ids)).load(lease.id);
  }

  @ResolveField(() => [ID], { description: 'Guarantors (cautions) of the lease.' })
  guarantorIds(lease: Lease, _args: unknown, context: GraphqlRequestContext): Promise<string[]> {
    const { actor, loaders } = rowScope(context);
    return loaders.of<string, string[]>('lease.guarantorIds', (ids) => this.leases.guarantorIdsOf(actor, ids)).load(lease.id);
  }

  @WriteAccess()
  @Mutation(() => Lease, { description: 'Replaces the tenants (and guarantors, when given) of a lease.' })
  async setLeaseParties(
    @CurrentActor() actor: Actor,
    @Args('leaseId', { type: () => ID }) leaseId: string,
    @Args('data', { type: () => LeasePartiesInput }) data: LeasePartiesInput,
  ): Promise<Lease> {
    const input = await validateInput(LeasePartiesInput, data, 'data');
    return this.leases.setParties(actor, leaseId, input);
  }
}
