import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor } from '../../src/auth/auth.decorators';
import { RequestLoaders } from '../../src/common/request-loaders';
import { Task } from '../../src/tasks/task.entity';
import { TaskService, TaskTargetRow } from '../../src/tasks/task.service';
import { Loaders } from '../records/loaders.decorator';
import { TaskTarget } from './task-target.object';

/** A task's targets, batched: a page of tasks reads them all in one statement. */
@Resolver(() => Task)
export class TaskTargetsResolver {
  constructor(private readonly tasks: TaskService) {}

  @ResolveField(() => [TaskTarget], { description: 'The debt, its lease and the lease’s tenants (Twenty TaskTarget).' })
  targets(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() task: Task): Promise<TaskTargetRow[]> {
    return loaders.of<string, TaskTargetRow[]>('task.targets', (ids) => this.tasks.targetsOf(actor, ids)).load(task.id);
  }
}
