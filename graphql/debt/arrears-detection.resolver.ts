import { Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { ArrearsDetectionService } from '../../src/debt/arrears-detection.service';
import { Debt } from '../../src/debt/debt.entity';
import { DebtService } from '../../src/debt/debt.service';

/** Arrears detection on demand (the daily Schedule runs the same). */
@Resolver()
export class ArrearsDetectionResolver {
  constructor(
    private readonly arrears: ArrearsDetectionService,
    private readonly debts: DebtService,
  ) {}

  @WriteAccess()
  @Mutation(() => [Debt], {
    description:
      'Opens a debt on every lease with rent unpaid more than 5 days past due and starts its dunning workflow; returns the new debts.',
  })
  async runArrearsDetection(@CurrentActor() actor: Actor) {
    // Temporal down only defers the workflows: the next run (or the daily Schedule) starts them.
    const { openedDebtIds } = await this.arrears.run(actor.workspaceId, 'defer');
    return this.debts.loadInOrder(actor, openedDebtIds);
  }
}
