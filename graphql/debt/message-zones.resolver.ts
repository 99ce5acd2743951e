import { Args, Field, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, canWrite } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { MessageZonesService, StepZones } from '../../src/debt/message-zones.service';
import { ZONE_TEXT_MAX } from '../../src/templates/message-zones';
import { RecordStore } from '../../src/records/record-store';
import { Debt, DEBT_TABLE } from './ledger.object';
import { ZoneInput } from './messaging.object';

@ObjectType({ description: 'The text an agent wrote for one free-text zone ({{zone "note"}}).' })
class MessageZone {
  @Field() name: string;
  @Field() text: string;
}

@ObjectType({ description: 'Free text an agent set for a debt’s coming message or letter: rendered into that step’s real send.' })
class DebtMessageZones {
  @Field(() => ID) debtId: string;
  @Field() stepKey: string;
  @Field({ description: 'The template the scenario names for the step.' }) templateKey: string;
  @Field({ description: 'The text the debt’s lease reads (its lease-kind variant, e.g. formal-notice-non-residential).' }) templateName: string;
  @Field(() => [MessageZone]) zones: MessageZone[];
  @Field({ description: 'The sensitive-data check flagged the wording and the agent confirmed it.' }) sensitiveAcknowledged: boolean;
  @Field() updatedAt: string;
}

/** Free-text zones of a debt's coming messages and letters (templates.md, Free-text zones). */
@Resolver(() => Debt)
export class MessageZonesResolver {
  private readonly debts: RecordStore;

  constructor(
    private readonly zones: MessageZonesService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.debts = new RecordStore(DEBT_TABLE, dataSource);
  }

  @ResolveField(() => [DebtMessageZones], {
    description: 'Free text set for steps not carried out yet (agents and admins; empty for other keys).',
  })
  async messageZones(@CurrentActor() actor: Actor, @Parent() debt: Debt): Promise<StepZones[]> {
    return canWrite(actor) ? this.zones.pending(actor, debt.id) : [];
  }

  @WriteAccess()
  @Mutation(() => DebtMessageZones, {
    description:
      'Sets the free-text zones of a debt’s coming message or letter (the next step by default): the texts replace those set before ' +
      `for the step, an empty text clears its zone; at most ${ZONE_TEXT_MAX} characters each. Each name must be a zone of the step’s ` +
      'template as the debt’s lease reads it. A text that looks like it holds sensitive data (see checkCallReport) is refused unless ' +
      'acknowledgeSensitiveData is true. The real send renders them, keeps them with the message and its PDF, and the timeline says so.',
  })
  async setDebtMessageZones(
    @CurrentActor() actor: Actor,
    @Args('debtId', { type: () => ID }) debtId: string,
    @Args('zones', { type: () => [ZoneInput] }) zones: ZoneInput[],
    @Args('stepKey', { type: () => String, nullable: true, description: 'A step of the debt’s scenario not carried out yet; the next step when left out.' })
    stepKey?: string | null,
    @Args('acknowledgeSensitiveData', { nullable: true, description: 'The agent read the sensitive-data warning and confirms the wording.' })
    acknowledgeSensitiveData?: boolean,
  ): Promise<StepZones> {
    await this.debts.get(actor, debtId).catch((error: unknown) => {
      throw error instanceof RelanceError && error.code === 'NOT_FOUND' ? new RelanceError('NOT_FOUND', error.message, { field: 'debtId' }) : error;
    });
    return this.zones.set(actor, { debtId, stepKey, zones: zones.map((z) => ({ name: z.name, text: z.text })), acknowledgeSensitiveData });
  }
}
