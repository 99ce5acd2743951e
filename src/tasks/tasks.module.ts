import { Module } from '@nestjs/common';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';

/**
 * Agents' tasks: what a debt's workflow asks a person to do. Exports its service only;
 * completing a task is the debt feature's (it drives the workflow), mirroring tasks to a
 * CRM the Twenty connector's, through the TaskMirror port.
 */
@Module({
  providers: [TaskRepository, TaskService],
  exports: [TaskService],
})
export class TasksModule {}
