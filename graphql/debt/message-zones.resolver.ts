import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, canWrite } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { RelanceError } from '../../src/common/relance.error';
import { MessageZonesService, StepZones } from '../../src/debt/message-zones.service';
import { ZONE_TEXT_MAX } from '../../src/messaging/templates/message-zones';
import { Debt } from '../../src/debt/debt.entity';
import { DebtService } from '../../src/debt/debt.service';
import { GraphqlRequestContext, rowScope } from '../records/request-context';
import { DebtMessageZones } from './debt-message-zones.object';
import { ZoneInput } from '../messaging/zone.input';

/** Free-text zones of a debt's coming messages and letters (templates.md, Free-text zones). */
@Resolver(() => Debt)
export class MessageZonesResolver {
  constructor(
    private readonly zones: MessageZonesService,
    private readonly debts: DebtService,
  ) {}

  @ResolveField(() => [DebtMessageZones], {
    description: 'Free text set for steps not carried out yet (agents and admins; empty for other keys).',
  })
  async messageZones(debt: Debt, _args: unknown, context: GraphqlRequestContext): Promise<StepZones[]> {
    const { actor, loaders } = rowScope(context);
    if (!canWrite(actor)) return [];
    return loaders.of<string, StepZones[]>('debt.messageZones', (ids) => this.zones.pendingOf(actor, ids)).load(debt.id);
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
    @Args('stepKey', {
      type: () => String,
      nullable: true,
      description: 'A step of the debt’s scenario not carried out yet; the next step when left out.',
    })
    stepKey?: string | null,
    @Args('acknowledgeSensitiveData', {
      nullable: true,
      description: 'The agent read the sensitive-data warning and confirms the wording.',
    })
    acknowledgeSensitiveData?: boolean,
  ): Promise<StepZones> {
    await this.debts.get(actor, debtId).catch((error: unknown) => {
      throw error instanceof RelanceError && error.code === 'NOT_FOUND'
        ? new RelanceError('NOT_FOUND', error.message, { field: 'debtId' })
        : error;
    });
    return this.zones.set(actor, { debtId, stepKey, zones: zones.map((z) => ({ name: z.name, text: z.text })), acknowledgeSensitiveData });
  }
}
