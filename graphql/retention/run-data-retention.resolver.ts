import { Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { RetentionService } from '../../src/retention/retention.service';
import { DataRetentionRun } from './data-retention-run.object';

/** Data retention on demand (the nightly Schedule runs the same for every workspace). */
@Resolver()
export class RunDataRetentionResolver {
  constructor(private readonly retention: RetentionService) {}

  @RequireRoles('ADMIN')
  @Mutation(() => DataRetentionRun, {
    description:
      'Anonymises now the free text of the workspace’s closed debts past retentionMonthsAfterClose (call reports, notes, reasons, comments, message bodies); amounts, dates, statuses and documents stay. A debt is anonymised once: a second run changes nothing.',
  })
  runDataRetention(@CurrentActor() actor: Actor): Promise<DataRetentionRun> {
    return this.retention.runForActor(actor);
  }
}
