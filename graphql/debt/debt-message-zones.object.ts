import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MessageZone } from './message-zone.object';

@ObjectType({ description: 'Free text an agent set for a debt’s coming message or letter: rendered into that step’s real send.' })
export class DebtMessageZones {
  @Field(() => ID) debtId: string;
  @Field() stepKey: string;
  @Field({ description: 'The template the scenario names for the step.' }) templateKey: string;
  @Field({ description: 'The text the debt’s lease reads (its lease-kind variant, e.g. formal-notice-non-residential).' })
  templateName: string;
  @Field(() => [MessageZone]) zones: MessageZone[];
  @Field({ description: 'The sensitive-data check flagged the wording and the agent confirmed it.' }) sensitiveAcknowledged: boolean;
  @Field() updatedAt: string;
}
