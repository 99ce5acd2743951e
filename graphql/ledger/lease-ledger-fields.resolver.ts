import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor } from '../../src/auth/auth.decorators';
import { RequestLoaders } from '../../src/common/request-loaders';
import { Lease } from '../../src/leases/lease.entity';
import { LeaseLedgerFigures, LedgerService } from '../../src/ledger/ledger.service';
import { Loaders } from '../records/loaders.decorator';
import { LeaseAging } from './lease-aging.object';

/**
 * Ledger-derived fields of a lease, computed by the domain core from its entries. Both
 * read the lease's figures through one request-scoped loader: a page of leases asking for
 * `aging` and `daysLate` costs one batched ledger load (three statements), whatever its size.
 */
@Resolver(() => Lease)
export class LeaseLedgerFieldsResolver {
  constructor(private readonly ledger: LedgerService) {}

  private figuresOf(actor: Actor, loaders: RequestLoaders, lease: Lease): Promise<LeaseLedgerFigures> {
    return loaders.of<string, LeaseLedgerFigures>('lease.ledgerFigures', (ids) => this.ledger.ledgerFiguresOf(actor, ids)).load(lease.id);
  }

  @ResolveField(() => LeaseAging, { description: 'Overdue money by age, as of today (Europe/Paris).' })
  async aging(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() lease: Lease): Promise<LeaseAging> {
    const { aging } = await this.figuresOf(actor, loaders, lease);
    return {
      days0To30: aging.DAYS_0_30,
      days31To60: aging.DAYS_31_60,
      days61To90: aging.DAYS_61_90,
      days90Plus: aging.DAYS_90_PLUS,
    };
  }

  @ResolveField(() => Int, { description: 'Days since the oldest unpaid due date; 0 when nothing is overdue.' })
  async daysLate(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() lease: Lease): Promise<number> {
    return (await this.figuresOf(actor, loaders, lease)).daysLate;
  }
}
