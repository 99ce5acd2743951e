import { addDays, daysBetween, dueDateOf, IsoDate, isIsoDate } from './calendar-date';
import { parisTime } from './french-calendar';

/**
 * Payment plans (échéanciers): the tenant pays the debt in installments and the scenario
 * waits while the plan is kept (DESIGN §4). Pure rules shared by the API (which checks a
 * proposal before sending it), the workflow's Update validator and the interpreter.
 */

export interface Installment {
  dueDate: IsoDate;
  amountCents: number;
}

export interface PaymentPlan {
  installments: Installment[];
  /** When the plan was accepted: payments recorded from then on count towards it. */
  acceptedAt: string;
}

/** A plan longer than this is a repayment schedule for a judge, not an agent (36 months). */
export const MAX_INSTALLMENTS = 36;
/** The first installment falls within this many days of the proposal. */
export const FIRST_INSTALLMENT_WITHIN_DAYS = 31;
/** An installment is checked this many days after its due date (bank transfers take time). */
export const INSTALLMENT_GRACE_DAYS = 5;
/** Hour (Paris) at which an installment is checked. */
const CHECK_HOUR = 9;

export interface PlanProblem {
  field: string;
  message: string;
}

/**
 * Every problem of a proposed plan, empty when it may be accepted: at least one and at
 * most 36 installments of whole positive cents, dates real and strictly increasing, the
 * first one between today and a month from now, and the sum exactly the balance owed.
 */
export function validatePaymentPlan(installments: Installment[], owed: { balanceCents: number; today: IsoDate }): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!Array.isArray(installments) || installments.length === 0) {
    return [{ field: 'installments', message: 'a plan needs at least one installment' }];
  }
  if (installments.length > MAX_INSTALLMENTS) add('installments', `a plan has at most ${MAX_INSTALLMENTS} installments`);
  let total = 0;
  installments.forEach((installment, i) => {
    const at = `installments[${i}]`;
    if (!Number.isSafeInteger(installment.amountCents) || installment.amountCents <= 0) {
      add(`${at}.amountCents`, 'amountCents must be a whole number of cents above 0');
    } else total += installment.amountCents;
    if (!isIsoDate(installment.dueDate)) {
      add(`${at}.dueDate`, 'dueDate must be a date as YYYY-MM-DD');
      return;
    }
    if (i === 0) {
      const lead = daysBetween(owed.today, installment.dueDate);
      if (lead < 0) add(`${at}.dueDate`, 'the first installment cannot be in the past');
      else if (lead > FIRST_INSTALLMENT_WITHIN_DAYS) {
        add(`${at}.dueDate`, `the first installment must fall within ${FIRST_INSTALLMENT_WITHIN_DAYS} days`);
      }
    } else {
      const previous = installments[i - 1].dueDate;
      if (isIsoDate(previous) && installment.dueDate <= previous) {
        add(`${at}.dueDate`, `installment dates must increase: ${installment.dueDate} is not after ${previous}`);
      }
    }
  });
  if (problems.length === 0 && total !== owed.balanceCents) {
    add('installments', `installments add up to ${total} cents but the balance is ${owed.balanceCents} cents`);
  }
  return problems;
}

export type PlanCheck =
  /** Every installment paid. */
  | { kind: 'KEPT' }
  /** Paid so far as due; the next check is at `nextCheck`. */
  | { kind: 'ON_TRACK'; nextCheck: Date }
  /** Installment `index` (0-based) was not paid by its date plus grace. */
  | { kind: 'BROKEN'; index: number; expectedCents: number; paidCents: number };

/** When an installment's payment is checked: its due date plus grace, 9:00 Paris. */
export function installmentCheckTime(installment: Installment): Date {
  return parisTime(addDays(installment.dueDate, INSTALLMENT_GRACE_DAYS), CHECK_HOUR);
}

/**
 * Where a plan stands given what was paid since it was accepted: kept once the payments
 * cover every installment; broken as soon as an installment's check time passes with the
 * payments short of the installments due by then; on track otherwise.
 */
export function checkPaymentPlan(plan: PaymentPlan, paidCents: number, now: Date): PlanCheck {
  let cumulative = 0;
  for (const [index, installment] of plan.installments.entries()) {
    cumulative += installment.amountCents;
    if (paidCents >= cumulative) continue;
    const checkAt = installmentCheckTime(installment);
    if (checkAt <= now) return { kind: 'BROKEN', index, expectedCents: cumulative, paidCents };
    return { kind: 'ON_TRACK', nextCheck: checkAt };
  }
  return { kind: 'KEPT' };
}

/**
 * When a promise to pay (a call's outcome) is checked: the promised date plus the same
 * grace as an installment, 9:00 Paris. A promise is a plan of one installment.
 */
export function promiseCheckTime(promisedDate: IsoDate): Date {
  return installmentCheckTime({ dueDate: promisedDate, amountCents: 0 });
}

/**
 * A plan of `count` monthly installments from `firstDueDate` (same day each month, the
 * month's last day where it has fewer), adding up to `totalCents`: equal parts, the cents
 * left over on the last one. What an agent asks for with a number and a date (from Twenty).
 */
export function monthlyInstallments(totalCents: number, count: number, firstDueDate: IsoDate): Installment[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive whole number');
  const part = Math.floor(totalCents / count);
  const [year, month, day] = firstDueDate.split('-').map(Number);
  return Array.from({ length: count }, (_, n) => {
    const monthIndex = month - 1 + n;
    const period = `${year + Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
    return { dueDate: dueDateOf(period, day), amountCents: n === count - 1 ? totalCents - part * (count - 1) : part };
  });
}
