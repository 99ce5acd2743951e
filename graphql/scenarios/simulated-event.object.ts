import { Field, ObjectType } from '@nestjs/graphql';
import { SimulatedEvent as SimulatedEventRecord } from '../../src/domain/scenario-simulation';
import { ActionKindEnum, SimulatedEventKindEnum } from '../enums';

/** One entry of `simulateScenario`'s calendar (src/domain/scenario-simulation.ts): computed, no table. */
@ObjectType({ description: 'One entry of a simulated calendar.' })
export class SimulatedEvent {
  @Field() at: string;
  @Field(() => SimulatedEventKindEnum) kind: SimulatedEventRecord['kind'];
  @Field(() => String, { nullable: true, description: 'The step; for a LEGAL entry, its task key (legal:<key>).' }) stepKey?: string;
  @Field(() => ActionKindEnum, { nullable: true }) action?: string;
  @Field(() => String, { nullable: true, description: 'When the step was due before the contact calendar moved it.' }) movedFrom?: string;
  @Field({ description: 'The step waits for the landlord (the simulation assumes approval).' }) needsApproval: boolean;
  @Field(() => String, { nullable: true, description: 'Why a step was skipped or the debt closes; a LEGAL entry’s task title.' })
  reason?: string;
  @Field(() => String, { nullable: true, description: 'A LEGAL entry’s last day (YYYY-MM-DD): its task is due by then.' })
  dueOn?: string;
}
