import { Task, TASK_TABLE } from '../../src/tasks/task.entity';
import { TaskService } from '../../src/tasks/task.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `tasks` and `task(id)`: read-only, as tasks are opened by the debts' workflows. */
export const TaskResolver = recordResolverFor({ name: 'Task', plural: 'tasks', node: Task, table: TASK_TABLE, service: TaskService });
