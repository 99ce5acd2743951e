import { ResolveField, Resolver } from '@nestjs/graphql';
import { Task } from '../../src/tasks/task.entity';
import { TaskService, TaskTargetRow } from '../../src/tasks/task.service';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { TaskTarget } from './task-target.object';

/** A task's targets, batched: a page of tasks reads them all in one statement. */
@Resolver(() => Task)
export class TaskTargetsResolver {
  constructor(private readonly tasks: TaskService) {}

  @ResolveField(() => [TaskTarget], { description: 'The debt, its lease and the lease’s tenants (Twenty TaskTarget).' })
  targets(task: Task, _args: unknown, context: GraphqlRequestContext): Promise<TaskTargetRow[]> {
    const { actor, loaders } = rowScope(context);
    return loaders.of<string, TaskTargetRow[]>('task.targets', (ids) => this.tasks.targetsOf(actor, ids)).load(task.id);
  }
}
