import { IsoDate } from './calendar-date';
import { DebtProgress, planNextAction } from './dunning-plan';
import { parisTime } from './french-calendar';
import { CONTACT_HOURS_ACTIONS, ScenarioDefinition } from './scenario';

export interface SimulationInput {
  anchor: IsoDate;
  balanceCents: number;
  pursueFromCents?: number;
  profile: DebtProgress['profile'];
  leaseKind: DebtProgress['leaseKind'];
  /** The landlord's mandate (approvals it reserves, litigation threshold), when known. */
  mandate?: DebtProgress['mandate'];
  /** Hypothetical payments; each lowers the balance from its date on. */
  payments?: Array<{ date: IsoDate; amountCents: number }>;
}

export interface SimulatedEvent {
  at: string;
  kind: 'RUN' | 'SKIP' | 'CLOSE' | 'FINISHED';
  stepKey?: string;
  action?: string;
  /** Where a step was due before the contact calendar moved it. */
  movedFrom?: string;
  /** The step waits for the landlord (the simulation assumes approval). */
  needsApproval?: boolean;
  reason?: string;
}

/**
 * The calendar a scenario would produce for a debt (`simulateScenario` in the API): the
 * interpreter run step by step with time jumping from one action to the next, payments
 * applied on their dates, and every landlord approval assumed given. The same function
 * the workflow uses decides each step, so the preview is what would happen.
 */
export function simulateScenario(scenario: ScenarioDefinition, input: SimulationInput): SimulatedEvent[] {
  const payments = [...(input.payments ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  const progress: DebtProgress = {
    anchor: input.anchor,
    balanceCents: input.balanceCents,
    pursueFromCents: input.pursueFromCents ?? 1,
    profile: input.profile,
    leaseKind: input.leaseKind,
    done: [],
    ...(input.mandate ? { mandate: input.mandate } : {}),
  };
  const events: SimulatedEvent[] = [];
  let now = parisTime(input.anchor, 0);
  const payUntil = (instant: Date) => {
    while (payments.length > 0 && parisTime(payments[0].date, 0) <= instant) {
      const payment = payments.shift()!;
      progress.balanceCents -= payment.amountCents;
      if (planNextAction(scenario, progress, instant).kind === 'CLOSE') return parisTime(payment.date, 0);
    }
    return undefined;
  };
  for (let guard = 0; guard < 200; guard++) {
    const next = planNextAction(scenario, progress, now);
    if (next.kind === 'RUN') {
      const closedAt = payUntil(next.at);
      if (closedAt) {
        now = closedAt;
        continue;
      }
      events.push({
        at: next.at.toISOString(),
        kind: 'RUN',
        stepKey: next.step.key,
        action: next.step.action,
        ...(next.movedFrom ? { movedFrom: next.movedFrom.toISOString() } : {}),
        ...(next.needsApproval ? { needsApproval: true } : {}),
      });
      progress.done.push(next.step.key);
      if (CONTACT_HOURS_ACTIONS.includes(next.step.action)) progress.lastContactAt = next.at.toISOString();
      now = next.at;
    } else if (next.kind === 'SKIP') {
      events.push({ at: now.toISOString(), kind: 'SKIP', stepKey: next.step.key, action: next.step.action, reason: next.reason });
      progress.done.push(next.step.key);
    } else if (next.kind === 'CLOSE') {
      events.push({ at: now.toISOString(), kind: 'CLOSE', reason: next.reason });
      return events;
    } else if (next.kind === 'FINISHED') {
      events.push({ at: now.toISOString(), kind: 'FINISHED' });
      return events;
    } else {
      // A simulation has no pauses or plans; an approval is assumed given.
      progress.awaitingApproval = undefined;
    }
  }
  throw new Error('simulation did not end: the scenario loops');
}
