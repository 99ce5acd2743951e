import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { TaskCompletionService } from '../../src/debt/task-completion.service';
import { Task } from '../../src/tasks/task.entity';
import { TaskService } from '../../src/tasks/task.service';
import type { TaskOutcome } from '../../workflows/debt.messages';
import { TaskOutcomeEnum } from '../enums';

/**
 * Working a task: assigning it, starting it, and completing it with its structured
 * outcome. Completion drives the debt's workflow, so it goes through the debt feature: the
 * row, the timeline entry and the message to the workflow go together, and if the workflow
 * cannot be told, nothing is written and the agent gets the error.
 */
@Resolver(() => Task)
export class TaskMutationsResolver {
  constructor(
    private readonly tasks: TaskService,
    private readonly completion: TaskCompletionService,
  ) {}

  @WriteAccess()
  @Mutation(() => Task, { description: 'Gives a task to an agent (null: to nobody). A done task keeps its assignee.' })
  assignTask(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('assignee', { type: () => String, nullable: true, description: 'A CRM workspace member id or an e-mail address.' })
    assignee?: string | null,
  ) {
    return this.tasks.assign(actor, id, assignee);
  }

  @WriteAccess()
  @Mutation(() => Task, { description: 'Marks a task IN_PROGRESS (an agent is on it).' })
  startTask(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.tasks.start(actor, id);
  }

  @WriteAccess()
  @Mutation(() => Task, {
    description:
      'Completes a task with its outcome: a promise to pay (with the promised date) holds the scenario until then, ' +
      'a dispute pauses it, a wrong number opens a task to find the right one. A report that looks like it holds sensitive data ' +
      '(see checkCallReport) is refused unless acknowledgeSensitiveData is true.',
  })
  async completeTask(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('outcome', { type: () => TaskOutcomeEnum }) outcome: TaskOutcome,
    @Args('report', { description: 'What happened (call notes); 1 to 5,000 characters, factual.' }) report: string,
    @Args('promisedDate', { nullable: true, description: 'With PROMISE_TO_PAY: YYYY-MM-DD, within 60 days.' }) promisedDate?: string,
    @Args('acknowledgeSensitiveData', {
      nullable: true,
      description: 'The agent read the sensitive-data warning and confirms the wording.',
    })
    acknowledgeSensitiveData?: boolean,
  ) {
    const completion = this.tasks.checkCompletion({ outcome, report, promisedDate: promisedDate ?? undefined, acknowledgeSensitiveData });
    await this.tasks.get(actor, id);
    await this.completion.complete(actor, id, completion);
    return this.tasks.get(actor, id);
  }
}
