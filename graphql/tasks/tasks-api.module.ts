import { Module } from '@nestjs/common';
import { DebtModule } from '../../src/debt/debt.module';
import { TasksModule } from '../../src/tasks/tasks.module';
import { CallReportResolver } from './call-report.resolver';
import { TaskMutationsResolver } from './task-mutations.resolver';
import { TaskTargetsResolver } from './task-targets.resolver';
import { TaskResolver } from './task.resolver';

/**
 * The tasks feature's GraphQL surface over TasksModule; completing a task goes through the
 * debt feature (DebtModule), whose workflow it drives.
 */
@Module({
  imports: [TasksModule, DebtModule],
  providers: [TaskResolver, TaskTargetsResolver, TaskMutationsResolver, CallReportResolver],
})
export class TasksApiModule {}
