import type { Client, ScheduleHandle } from '@temporalio/client';

/**
 * Triggers a Temporal Schedule once and waits for the workflow run it started (polling
 * its recent actions for up to 10 s), returning that run's result.
 */
export async function triggerScheduleOnce<T>(client: Client, schedule: ScheduleHandle): Promise<T> {
  const before = (await schedule.describe()).info.recentActions.length;
  await schedule.trigger();
  let actions = (await schedule.describe()).info.recentActions;
  for (let i = 0; i < 100 && actions.length === before; i++) {
    await new Promise((r) => setTimeout(r, 100));
    actions = (await schedule.describe()).info.recentActions;
  }
  if (actions.length === before) throw new Error(`schedule ${schedule.scheduleId} started no run within 10 s of its trigger`);
  const started = actions[actions.length - 1].action;
  return client.workflow.getHandle(started.workflow.workflowId).result() as Promise<T>;
}
