import { IsoDate } from '../domain/calendar-date';
import { parisParts } from '../domain/french-calendar';
import { aging, allocate, balance, daysLate, LedgerCharge, LedgerCredit } from '../domain/ledger';
import { Cents, sumCents } from '../domain/money';
import { monthBounds, StatementMonth } from '../domain/statement-month';

/**
 * What a landlord's monthly statement shows, assembled from the month's facts by pure
 * functions (tested without a database) and frozen in `landlord_statement.figures`: the
 * PDF is rendered from it, the API sums it up.
 */

/** The agency's letterhead, as the workspace settings give it. */
export interface StatementAgency {
  name: string;
  legalName: string | null;
  postal: string[];
  phone: string | null;
  email: string | null;
}

/** A lease of the landlord with money overdue at the end of the month. */
export interface StatementLease {
  leaseId: string;
  reference: string;
  tenants: string[];
  /** Charges minus credits up to the month's last day. */
  balanceCents: Cents;
  /** What was past its due date and still owed on the month's last day. */
  overdueCents: Cents;
  daysLate: number;
  aging: { days0To30: Cents; days31To60: Cents; days61To90: Cents; days90Plus: Cents };
}

/** One action of the month on a debt of the landlord's leases, in the statement's words. */
export interface StatementAction {
  /** The instant it happened, and its Paris date. */
  at: string;
  date: IsoDate;
  leaseReference: string;
  kind: string;
  label: string;
}

/** A payment of the month, for what it settled of charges already past due. */
export interface StatementRecovery {
  date: IsoDate;
  leaseReference: string;
  amountCents: Cents;
}

/** A decision the landlord owes (a step waiting for their approval). */
export interface StatementDecision {
  debtId: string;
  leaseReference: string;
  stepKey: string | null;
  label: string;
  /** When the wait ends without a decision, as the debt's next action says. */
  deadline: IsoDate | null;
}

export interface StatementFigures {
  version: 1;
  month: StatementMonth;
  /** The month's last day: balances, days late and aging are as of it. */
  asOf: IsoDate;
  agency: StatementAgency;
  landlord: { name: string; postal: string[] };
  leases: StatementLease[];
  actions: StatementAction[];
  recoveries: StatementRecovery[];
  pendingDecisions: StatementDecision[];
  totals: {
    leasesInArrears: number;
    balanceCents: Cents;
    overdueCents: Cents;
    /** Money of the month's payments settling charges already past due. */
    recoveredCents: Cents;
    /** Money of the month's payments settling any charge. */
    receivedCents: Cents;
    actions: number;
    pendingDecisions: number;
  };
}

/** A lease of the landlord, with its tenants' names. */
export interface LeaseFact {
  leaseId: string;
  reference: string;
  tenants: string[];
}

export interface ChargeFact extends LedgerCharge {
  leaseId: string;
}

export interface CreditFact extends LedgerCredit {
  leaseId: string;
  /** A tenant's payment (recovered money), not a credit note. */
  payment: boolean;
}

/**
 * A timeline entry as the statement reads it: its kind and the few structured fields it
 * names. Never a summary or a free text: call reports and comments stay out by construction.
 */
export interface EventFact {
  leaseId: string;
  kind: string;
  occurredAt: string;
  channel: string | null;
  outcome: string | null;
  promisedDate: string | null;
  stepKey: string | null;
}

export interface DecisionFact {
  debtId: string;
  leaseId: string;
  stepKey: string | null;
  deadlineAt: string | null;
}

/** Everything a statement is made of, as the read model gathers it. */
export interface StatementFacts {
  month: StatementMonth;
  agency: StatementAgency;
  landlord: { name: string; postal: string[] };
  leases: LeaseFact[];
  /** Charges due up to the month's last day; later ones are ignored anyway. */
  charges: ChargeFact[];
  /** Payments and credit notes dated up to the month's last day. */
  credits: CreditFact[];
  /** Timeline entries of the month (Paris time) on debts of the landlord's leases. */
  events: EventFact[];
  pendingDecisions: DecisionFact[];
}

const CHANNEL_FR: Record<string, string> = {
  EMAIL: 'E-mail',
  SMS: 'SMS',
  LETTER: 'Lettre simple',
  REGISTERED_LETTER: 'Lettre recommandée',
};

const OUTCOME_FR: Record<string, string> = {
  REACHED: 'locataire joint',
  PROMISE_TO_PAY: 'promesse de paiement',
  DISPUTE: 'contestation de la dette',
  NO_ANSWER: 'pas de réponse',
  WRONG_NUMBER: 'numéro erroné',
  OTHER: 'autre issue',
};

const step = (e: Pick<EventFact, 'stepKey'>) => (e.stepKey ? ` (étape ${e.stepKey})` : '');
const channel = (e: EventFact) => CHANNEL_FR[e.channel ?? ''] ?? 'Message';
const frDate = (date: IsoDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * The statement's words for a timeline entry, or undefined for entries a landlord's
 * statement leaves out (planning details, agents' internal tasks). Calls say their outcome
 * only.
 */
export function actionLabel(e: EventFact): string | undefined {
  switch (e.kind) {
    case 'MESSAGE_SENT':
      return `${channel(e)} envoyé${e.channel === 'LETTER' || e.channel === 'REGISTERED_LETTER' ? 'e' : ''}${step(e)}`;
    case 'MESSAGE_DELIVERED':
      return `${channel(e)} distribué${e.channel === 'LETTER' || e.channel === 'REGISTERED_LETTER' ? 'e' : ''}`;
    case 'MESSAGE_UNDELIVERED':
    case 'MESSAGE_FAILED':
      return `${channel(e)} non distribué${e.channel === 'LETTER' || e.channel === 'REGISTERED_LETTER' ? 'e' : ''}`;
    case 'TASK_COMPLETED':
      return `Appel ou visite : ${OUTCOME_FR[e.outcome ?? ''] ?? 'effectué'}${
        e.outcome === 'PROMISE_TO_PAY' && e.promisedDate ? ` au ${frDate(e.promisedDate)}` : ''
      }`;
    case 'APPROVAL_REQUESTED':
      return `Votre accord demandé${step(e)}`;
    case 'LANDLORD_APPROVED':
      return `Accord donné${e.stepKey === 'payment-plan' ? ' (échéancier)' : step(e)}`;
    case 'LANDLORD_REJECTED':
      return `Refus${e.stepKey === 'payment-plan' ? ' (échéancier)' : step(e)}`;
    case 'DEBT_OPENED':
      return 'Dossier de recouvrement ouvert';
    case 'DEBT_RESOLVED':
      return 'Dossier soldé';
    case 'DEBT_CANCELLED':
      return 'Dossier annulé';
    case 'DEBT_WRITTEN_OFF':
      return 'Créance passée en perte';
    case 'PLAN_PROPOSED':
      return 'Échéancier proposé';
    case 'PLAN_KEPT':
      return 'Échéancier respecté';
    case 'PLAN_BROKEN':
      return 'Échéancier non respecté';
    case 'PROMISE_BROKEN':
      return 'Promesse de paiement non tenue';
    case 'PAUSED':
      return 'Relances suspendues';
    case 'RESUMED':
      return 'Relances reprises';
    case 'FEE_POSTED':
      return 'Frais de retard facturés (bail commercial)';
    default:
      return undefined;
  }
}

/** The words for a decision the landlord owes. */
export function decisionLabel(stepKey: string | null): string {
  if (stepKey === 'payment-plan') return 'Accord sur un échéancier proposé';
  return `Accord sur l’étape ${stepKey ?? 'en attente'}`;
}

/** Groups rows by lease id. */
function byLease<T extends { leaseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.leaseId, [...(groups.get(row.leaseId) ?? []), row]);
  return groups;
}

/**
 * The statement of a month from its facts: each lease's ledger allocated as of the
 * month's last day (entries after it do not exist yet for the statement, so issuing it
 * late gives the same figures), the leases with money overdue then, the month's payments
 * for what they settled of charges already past due, the month's actions in date order,
 * and the decisions pending.
 */
export function assembleStatement(facts: StatementFacts): StatementFigures {
  const { first, last } = monthBounds(facts.month);
  const charges = byLease(facts.charges.filter((c) => c.dueDate <= last));
  const credits = byLease(facts.credits.filter((c) => c.date <= last));
  const references = new Map(facts.leases.map((l) => [l.leaseId, l.reference]));
  const leases: StatementLease[] = [];
  const recoveries: StatementRecovery[] = [];
  let receivedCents = 0;
  for (const lease of facts.leases) {
    const leaseCharges = charges.get(lease.leaseId) ?? [];
    const leaseCredits = credits.get(lease.leaseId) ?? [];
    const result = allocate(leaseCharges, leaseCredits);
    const buckets = aging(result, last);
    const overdueCents = sumCents(Object.values(buckets));
    if (overdueCents > 0) {
      leases.push({
        leaseId: lease.leaseId,
        reference: lease.reference,
        tenants: lease.tenants,
        balanceCents: balance(leaseCharges, leaseCredits),
        overdueCents,
        daysLate: daysLate(result, last),
        aging: {
          days0To30: buckets.DAYS_0_30,
          days31To60: buckets.DAYS_31_60,
          days61To90: buckets.DAYS_61_90,
          days90Plus: buckets.DAYS_90_PLUS,
        },
      });
    }
    const chargeDue = new Map(leaseCharges.map((c) => [c.id, c.dueDate]));
    for (const payment of leaseCredits.filter((c) => c.payment && c.date >= first)) {
      const settled = result.allocations.filter((a) => a.creditId === payment.id);
      const total = (list: typeof settled) => sumCents(list.map((a) => a.rentCents + a.chargesCents + a.feeCents));
      receivedCents += total(settled);
      const recovered = total(settled.filter((a) => (chargeDue.get(a.chargeId) ?? payment.date) < payment.date));
      if (recovered > 0) recoveries.push({ date: payment.date, leaseReference: lease.reference, amountCents: recovered });
    }
  }
  leases.sort((a, b) => b.daysLate - a.daysLate || a.reference.localeCompare(b.reference));
  recoveries.sort((a, b) => a.date.localeCompare(b.date) || a.leaseReference.localeCompare(b.leaseReference));
  const actions: StatementAction[] = facts.events
    .map((e) => ({ e, label: actionLabel(e) }))
    .filter((x): x is { e: EventFact; label: string } => x.label !== undefined)
    .map(({ e, label }) => ({
      at: new Date(e.occurredAt).toISOString(),
      date: parisParts(new Date(e.occurredAt)).date,
      leaseReference: references.get(e.leaseId) ?? '',
      kind: e.kind,
      label,
    }))
    .filter((a) => a.date >= first && a.date <= last)
    .sort((a, b) => a.at.localeCompare(b.at) || a.leaseReference.localeCompare(b.leaseReference));
  const pendingDecisions: StatementDecision[] = facts.pendingDecisions
    .map((d) => ({
      debtId: d.debtId,
      leaseReference: references.get(d.leaseId) ?? '',
      stepKey: d.stepKey,
      label: decisionLabel(d.stepKey),
      deadline: d.deadlineAt ? parisParts(new Date(d.deadlineAt)).date : null,
    }))
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.leaseReference.localeCompare(b.leaseReference));
  return {
    version: 1,
    month: facts.month,
    asOf: last,
    agency: facts.agency,
    landlord: facts.landlord,
    leases,
    actions,
    recoveries,
    pendingDecisions,
    totals: {
      leasesInArrears: leases.length,
      balanceCents: sumCents(leases.map((l) => l.balanceCents)),
      overdueCents: sumCents(leases.map((l) => l.overdueCents)),
      recoveredCents: sumCents(recoveries.map((r) => r.amountCents)),
      receivedCents,
      actions: actions.length,
      pendingDecisions: pendingDecisions.length,
    },
  };
}
