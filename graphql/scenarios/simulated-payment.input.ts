import { Field, InputType, Int } from '@nestjs/graphql';

/** A payment the simulation applies on its date (checked by ScenarioSimulationService). */
@InputType()
export class SimulatedPaymentInput {
  @Field({ description: 'YYYY-MM-DD' }) date: string;
  @Field(() => Int) amountCents: number;
}
