import { IsoDate } from './calendar-date';
import { DebtProgress, isContactAction, planNextAction } from './dunning-plan';
import { parisTime } from './french-calendar';
import { LEGAL_TASK_HOUR, LegalObligation } from './legal-rules';
import { PreferredChannel, ScenarioDefinition } from './scenario';

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
  /** The tenant's preferred channel (a channel group sends by the closest one). */
  preferredChannel?: PreferredChannel;
  /** The lease's guarantors, when known: with none, a guarantor notice is skipped. */
  guarantors?: number;
  /**
   * Where the simulation starts: now, for a debt already open or one opening today. The
   * default is day 0 of the scenario. Steps due before it are caught up by their policy.
   */
  from?: Date;
  /** Steps of this debt already done or skipped, with when: listed first, as DONE, and not planned again. */
  done?: Array<{ stepKey: string; at: string; action?: string }>;
  /** When the real debt's scenario last (re)started, when it differs from `from`. */
  resumedAt?: string;
  /** When the tenant was last reached by phone, text or visit (the minimum gap). */
  lastContactAt?: string;
}

export interface SimulatedEvent {
  at: string;
  kind: 'DONE' | 'RUN' | 'SKIP' | 'CLOSE' | 'FINISHED' | 'LEGAL';
  stepKey?: string;
  action?: string;
  /** Where a step was due before the contact calendar moved it. */
  movedFrom?: string;
  /** The step waits for the landlord (the simulation assumes approval). */
  needsApproval?: boolean;
  reason?: string;
  /** A LEGAL entry's last day (its task is due by then). */
  dueOn?: IsoDate;
}

/**
 * The calendar a scenario would produce for a debt (`simulateScenario` in the API): the
 * interpreter run step by step with time jumping from one action to the next, payments
 * applied on their dates, and every landlord approval assumed given. The same function
 * the workflow uses decides each step, so the preview is what would happen. For a debt
 * already under way it starts from `from` (now): the steps done are listed as DONE on
 * their real dates, and what follows is what happens from now.
 */
export function simulateScenario(scenario: ScenarioDefinition, input: SimulationInput): SimulatedEvent[] {
  const payments = [...(input.payments ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  const progress: DebtProgress = {
    anchor: input.anchor,
    balanceCents: input.balanceCents,
    pursueFromCents: input.pursueFromCents ?? 1,
    profile: input.profile,
    leaseKind: input.leaseKind,
    done: (input.done ?? []).map((d) => d.stepKey),
    ...(input.mandate ? { mandate: input.mandate } : {}),
    ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}),
    ...(input.lastContactAt ? { lastContactAt: input.lastContactAt } : {}),
    ...(input.guarantors !== undefined ? { guarantors: input.guarantors } : {}),
  };
  const events: SimulatedEvent[] = (input.done ?? []).map((d) => {
    const action = d.action ?? scenario.steps.find((s) => s.key === d.stepKey)?.action;
    return { at: d.at, kind: 'DONE' as const, stepKey: d.stepKey, ...(action ? { action } : {}) };
  });
  let now = input.from ?? parisTime(input.anchor, 0);
  // A debt opening (or simulated) from now catches up the steps whose moment has passed.
  const resumedAt = input.resumedAt ?? (input.from ? input.from.toISOString() : undefined);
  if (resumedAt) progress.resumedAt = resumedAt;
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
      if (isContactAction(next.step.action)) progress.lastContactAt = next.at.toISOString();
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

/**
 * A simulated calendar with the debt's legal deadlines in it (src/domain/legal-rules.ts
 * `legalObligations`): each a LEGAL entry on the day its task opens, at the hour the
 * workflow opens it, keyed `legal:<key>` as its task is, with its title and last day. Only
 * those that open within the calendar: by its CLOSE or FINISHED entry (later ones, such as a
 * prescription years ahead, are on the debt's legal calendar). In time order, a step first
 * when both fall at the same instant.
 */
export function withLegalDeadlines(events: readonly SimulatedEvent[], deadlines: readonly LegalObligation[]): SimulatedEvent[] {
  const end = events.find((e) => e.kind === 'CLOSE' || e.kind === 'FINISHED');
  const legal: SimulatedEvent[] = deadlines
    .map((d) => ({
      at: parisTime(d.triggerOn, LEGAL_TASK_HOUR).toISOString(),
      kind: 'LEGAL' as const,
      stepKey: `legal:${d.key}`,
      reason: d.title,
      dueOn: d.dueOn,
    }))
    .filter((e) => !end || e.at <= end.at);
  // DONE entries keep their place at the start; a deadline goes before the first later
  // entry, and before the end it shares an instant with.
  const merged = [...events];
  for (const entry of legal.sort((a, b) => a.at.localeCompare(b.at))) {
    const index = merged.findIndex((e) => e.kind !== 'DONE' && (e.at > entry.at || (e === end && e.at === entry.at)));
    if (index < 0) merged.push(entry);
    else merged.splice(index, 0, entry);
  }
  return merged;
}
