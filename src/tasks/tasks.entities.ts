import { Task } from './task.entity';

/** The tables of the tasks feature: agents' recovery tasks. */
export const TASKS_ENTITIES = [Task];
