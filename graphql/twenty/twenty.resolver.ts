import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { TwentyConnectionService } from '../../src/twenty/twenty-connection.service';
import { TwentySyncService } from '../../src/twenty/twenty-sync.service';
import {
  TwentyConnectionInput,
  TwentyConnectionObject,
  TwentyConnectionTestObject,
  TwentyInstallObject,
  TwentySyncStatusObject,
} from './twenty-connection.object';

/**
 * The workspace's Twenty connection, for its ADMINs: set, test, install (and upgrade),
 * uninstall, remove; the sync's state for agents too.
 */
@Resolver(() => TwentyConnectionObject)
export class TwentyResolver {
  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly sync: TwentySyncService,
  ) {}

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => TwentyConnectionObject, { nullable: true, description: "The workspace's Twenty connection, null when it has none." })
  async twentyConnection(@CurrentActor() actor: Actor) {
    return (await this.connections.view(actor.workspaceId)) ?? null;
  }

  @RequireRoles('ADMIN', 'AGENT')
  @Query(() => TwentySyncStatusObject, { description: 'Where the sync to Twenty stands: backlog by kind, lag, failures.' })
  twentySyncStatus(@CurrentActor() actor: Actor) {
    return this.connections.syncStatus(actor.workspaceId);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => TwentyConnectionObject, {
    description:
      'Sets (or replaces) the workspace’s Twenty connection. Another apiUrl starts over: nothing installed or sent there yet (installTwenty).',
  })
  setTwentyConnection(@CurrentActor() actor: Actor, @Args('data', { type: () => TwentyConnectionInput }) data: TwentyConnectionInput) {
    return this.connections.set(actor.workspaceId, data);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => TwentyConnectionTestObject, { description: 'Asks Twenty who it is and what it has; reports rather than fails.' })
  testTwentyConnection(@CurrentActor() actor: Actor) {
    return this.connections.test(actor.workspaceId);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => TwentyInstallObject, {
    description:
      'Installs Relance’s objects and fields in the Twenty workspace, or upgrades them to `version` (the latest by default): ' +
      'idempotent, resumable, renames in place. The sync starts once a version is installed.',
  })
  async installTwenty(@CurrentActor() actor: Actor, @Args('version', { type: () => Int, nullable: true }) version?: number | null) {
    const report = await this.connections.install(actor.workspaceId, version ?? undefined);
    this.sync.nudge(actor.workspaceId, { force: true });
    return report;
  }

  @RequireRoles('ADMIN')
  @Mutation(() => [String], {
    description:
      'Removes from the Twenty workspace what Relance created there: its objects and fields (people, companies, tasks and notes stay). Delete the Twenty webhook too.',
  })
  uninstallTwenty(@CurrentActor() actor: Actor) {
    return this.connections.uninstall(actor.workspaceId);
  }

  @RequireRoles('ADMIN')
  @Mutation(() => Boolean, { description: 'Forgets the Twenty connection (uninstall first to clean the Twenty workspace).' })
  removeTwentyConnection(@CurrentActor() actor: Actor) {
    return this.connections.remove(actor.workspaceId);
  }

  @RequireRoles('ADMIN', 'AGENT')
  @Mutation(() => Boolean, {
    description:
      'Asks for a sync pass now, without waiting for the interval or a backoff (unless another process is running one); always true.',
  })
  syncTwentyNow(@CurrentActor() actor: Actor) {
    this.sync.nudge(actor.workspaceId, { force: true });
    return true;
  }
}
