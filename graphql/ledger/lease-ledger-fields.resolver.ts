import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { Lease } from '../../src/leases/lease.entity';
import { LeaseLedgerFigures, LedgerService } from '../../src/ledger/ledger.service';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { LeaseAging } from './lease-aging.object';

/**
 * Ledger-derived fields of a lease, computed by the domain core from its entries. Both
 * read the lease's figures through one request-scoped loader: a page of leases asking for
 * `aging` and `daysLate` costs one batched ledger load, whatever its size. Per-row fields
 * take Nest's fast path (see rowScope).
 */
@Resolver(() => Lease)
export class LeaseLedgerFieldsResolver {
  constructor(private readonly ledger: LedgerService) {}

  private figuresOf(lease: Lease, context: GraphqlRequestContext): Promise<LeaseLedgerFigures> {
    const { actor, loaders } = rowScope(context);
    return loaders.of<string, LeaseLedgerFigures>('lease.ledgerFigures', (ids) => this.ledger.ledgerFiguresOf(actor, ids)).load(lease.id);
  }

  @ResolveField(() => LeaseAging, { description: 'Overdue money by age, as of today (Europe/Paris).' })
  async aging(lease: Lease, _args: unknown, context: GraphqlRequestContext): Promise<LeaseAging> {
    const { aging } = await this.figuresOf(lease, context);
    return {
      days0To30: aging.DAYS_0_30,
      days31To60: aging.DAYS_31_60,
      days61To90: aging.DAYS_61_90,
      days90Plus: aging.DAYS_90_PLUS,
    };
  }

  @ResolveField(() => Int, { description: 'Days since the oldest unpaid due date; 0 when nothing is overdue.' })
  async daysLate(lease: Lease, _args: unknown, context: GraphqlRequestContext): Promise<number> {
    return (await this.figuresOf(lease, context)).daysLate;
  }
}
