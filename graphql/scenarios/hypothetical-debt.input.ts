import { Field, InputType, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { LeaseKind, PreferredChannel, TenantProfile } from '../../src/domain/scenario';
import { LeaseKindEnum, PreferredChannelEnum, TenantProfileEnum } from '../enums';

// Checked by the simulation (ScenarioSimulationService), which names the field; @Allow() only lets it through the pipe.
@InputType({ description: 'A debt that does not exist: its oldest unpaid due date and overdue balance.' })
export class HypotheticalDebtInput {
  @Allow()
  @Field({ description: 'Day 0, YYYY-MM-DD.' })
  anchor: string;
  @Allow()
  @Field(() => Int)
  balanceCents: number;
  @Allow()
  @Field(() => TenantProfileEnum, { defaultValue: 'UNKNOWN' })
  profile: TenantProfile;
  @Allow()
  @Field(() => LeaseKindEnum, { defaultValue: 'RESIDENTIAL_UNFURNISHED' })
  leaseKind: LeaseKind;
  @Allow()
  @Field(() => PreferredChannelEnum, {
    nullable: true,
    description: 'The tenant’s preferred channel: a channel group goes by the closest one.',
  })
  preferredChannel?: PreferredChannel | null;
}
