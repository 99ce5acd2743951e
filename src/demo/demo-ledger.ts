import { compareDates } from '../domain/calendar-date';
import { allocate, daysLate, LedgerCredit } from '../domain/ledger';
import type { Cents } from '../domain/money';
import type { DemoChargeRow, DemoPaymentRow, PaymentMethod } from './demo-agency.types';
import { DEMO_MONTHS, RentCalendar } from './demo-calendar';
import { flat } from './demo-names';
import type { DemoRandom } from './demo-random';

// Aliased once: under Jest a global lookup is slow (see demo-random.ts) and these run per payment.
const { floor, max, min } = Math;

/**
 * A lease's twelve rent calls and the payments that answer them, following the tenant's
 * payment behaviour. The result is checked with the domain's own allocation (oldest charge
 * first) so a lease is "more than 30 days late" exactly when the product will say so.
 */

/** How a lease's tenants have paid over the year. */
export type PaymentBehaviour =
  /** Every rent on time, give or take the bank's few days. */
  | 'ON_TIME'
  /** Was weeks late once or twice during the year, and has caught up since. */
  | 'CAUGHT_UP'
  /** The last rent due is unpaid or partly paid, less than 30 days ago. */
  | 'RECENTLY_LATE'
  /** Owes money due more than 30 days ago. */
  | 'IN_ARREARS';

/** Days beyond which money owed counts as arrears in the seeds' headline figure. */
export const ARREARS_DAYS = 30;

/** What the ledger of one lease needs from the lease. */
export interface LedgerTerms {
  leaseId: string;
  rentCents: Cents;
  chargesCents: Cents;
  dueDay: number;
  /** Housing benefit the CAF pays straight to the landlord each month, if any. */
  housingBenefitCents: Cents | null;
  /** Who pays the benefit, e.g. "CAF de Maine-et-Loire". */
  benefitPayer: string;
  method: Exclude<PaymentMethod, 'HOUSING_BENEFIT' | 'OTHER'>;
  payerName: string;
}

interface PlannedPayment {
  offset: number;
  amountCents: Cents;
  method: PaymentMethod;
  payerName: string;
}

const REFERENCE_PREFIX: Record<PaymentMethod, string> = {
  TRANSFER: 'VIR',
  DIRECT_DEBIT: 'PRLV',
  CHECK: 'CHQ',
  CASH: 'ESP',
  CARD: 'CB',
  HOUSING_BENEFIT: 'CAF',
  OTHER: 'DIV',
};

/** Generates the rent calls and payments of one lease and appends them to `out`. */
export function generateLedger(
  random: DemoRandom,
  calendar: RentCalendar,
  terms: LedgerTerms,
  behaviour: PaymentBehaviour,
  out: { charges: DemoChargeRow[]; payments: DemoPaymentRow[]; nextReference: () => number },
): void {
  const charges = rentCalls(random, calendar, terms);
  const planned = planPayments(random, calendar, terms, behaviour);
  settleToBehaviour(random, calendar, terms, behaviour, charges, planned);
  for (const charge of charges) out.charges.push(charge);
  for (const p of planned) {
    const paidOn = calendar.dateAt(p.offset);
    out.payments.push({
      id: random.uuid(),
      leaseId: terms.leaseId,
      amountCents: p.amountCents,
      paidOn,
      method: p.method,
      bankReference: flat(`${REFERENCE_PREFIX[p.method]}-${calendar.compactDateAt(p.offset)}-${`${out.nextReference()}`.padStart(8, '0')}`),
      payerName: p.payerName,
    });
  }
}

function rentCalls(random: DemoRandom, calendar: RentCalendar, terms: LedgerTerms): DemoChargeRow[] {
  const charges: DemoChargeRow[] = [];
  for (let month = 0; month < DEMO_MONTHS; month++) {
    charges.push({
      id: random.uuid(),
      leaseId: terms.leaseId,
      kind: 'RENT_CALL',
      period: calendar.periods[month],
      dueDate: calendar.dueDate(month, terms.dueDay),
      rentCents: terms.rentCents,
      chargesCents: terms.chargesCents,
      label: calendar.labels[month],
    });
  }
  return charges;
}

/** Days between the due date and the day the tenant's money arrives, by payment method. */
function habitualDelay(random: DemoRandom, method: LedgerTerms['method']): number {
  switch (method) {
    case 'DIRECT_DEBIT':
      return 0;
    case 'TRANSFER':
      return random.int(-3, 4);
    case 'CHECK':
      return random.int(1, 8);
    case 'CARD':
      return random.int(0, 3);
    case 'CASH':
      return random.int(0, 5);
  }
}

/** `share` × `percent` %, in whole euros: what a tenant who pays part of the rent sends. */
function partOf(share: Cents, percent: number): Cents {
  return max(100, floor((share * percent) / 10_000) * 100);
}

/** The months whose rent fell due more than 30 days before `asOf`, oldest first. */
function monthsOverdueBeyondArrears(calendar: RentCalendar, dueDay: number): number[] {
  const months: number[] = [];
  for (let m = 0; m < DEMO_MONTHS; m++) if (calendar.dueOffset(m, dueDay) < -ARREARS_DAYS) months.push(m);
  return months;
}

function planPayments(random: DemoRandom, calendar: RentCalendar, terms: LedgerTerms, behaviour: PaymentBehaviour): PlannedPayment[] {
  const benefit = terms.housingBenefitCents ?? 0;
  const share = terms.rentCents + terms.chargesCents - benefit;
  const overdue = monthsOverdueBeyondArrears(calendar, terms.dueDay);
  // From which month, and how, this tenant's payments depart from the habit.
  let from = DEMO_MONTHS;
  let style: 'STOPPED' | 'PARTIAL' | 'DRIFTING' | 'NONE' = 'NONE';
  let percent = 100;
  const incidents = new Set<number>();
  if (behaviour === 'IN_ARREARS') {
    style = random.weighted([
      ['STOPPED', 45],
      ['PARTIAL', 35],
      ['DRIFTING', 20],
    ] as const);
    from = overdue[max(0, overdue.length - random.int(style === 'STOPPED' ? 1 : 3, 6))];
    percent = random.int(30, 75);
  } else if (behaviour === 'CAUGHT_UP') {
    for (let n = random.int(1, 3); n > 0; n--) incidents.add(random.int(0, DEMO_MONTHS - 4));
  }

  const planned: PlannedPayment[] = [];
  /** Money arriving `delay` days after a due date, unless that is still to come at `asOf`. */
  const pay = (due: number, delay: number, amountCents: Cents, method = tenantMethod(terms, share, amountCents, delay)) => {
    const offset = due + delay;
    if (offset <= 0)
      planned.push({ offset, amountCents, method, payerName: method === 'HOUSING_BENEFIT' ? terms.benefitPayer : terms.payerName });
  };
  let carried = 0; // a month skipped during an incident, paid with the next one
  for (let month = 0; month < DEMO_MONTHS; month++) {
    const due = calendar.dueOffset(month, terms.dueDay);
    // The CAF pays early in the month it covers: the demo keeps benefit leases out of arrears by itself.
    if (benefit > 0) pay(due, 3, benefit, 'HOUSING_BENEFIT');
    const delay = habitualDelay(random, terms.method);
    if (month >= from && style === 'STOPPED') continue;
    if (month >= from && style === 'PARTIAL') pay(due, delay, partOf(share, percent));
    else if (month >= from && style === 'DRIFTING') pay(due, random.int(35, 65), share);
    else if (incidents.has(month) && random.chance(0.5)) carried += share;
    else if (incidents.has(month)) pay(due, random.int(15, 45), share);
    else {
      pay(due, delay, share + carried);
      carried = 0;
    }
  }
  if (style === 'STOPPED' && random.chance(0.3)) pay(0, -random.int(0, 20), partOf(share, random.int(20, 60)));
  if (behaviour === 'RECENTLY_LATE') leaveLastRentOpen(random, calendar, terms, share, planned);
  return planned;
}

/** Takes back the tenant's payment of the last rent due, or leaves only part of it paid. */
function leaveLastRentOpen(random: DemoRandom, calendar: RentCalendar, terms: LedgerTerms, share: Cents, planned: PlannedPayment[]): void {
  let month = DEMO_MONTHS - 1;
  while (month > 0 && calendar.dueOffset(month, terms.dueDay) >= 0) month--;
  const due = calendar.dueOffset(month, terms.dueDay);
  const index = planned.findIndex((p) => p.method !== 'HOUSING_BENEFIT' && p.offset >= due - 3);
  if (index >= 0) planned.splice(index, 1);
  if (random.chance(0.4)) {
    const amountCents = partOf(share, random.int(30, 70));
    const delay = min(-due, random.int(0, 10));
    planned.push({ offset: due + delay, amountCents, method: tenantMethod(terms, share, amountCents, delay), payerName: terms.payerName });
  }
}

/**
 * How the tenant's money came: a direct debit collects exactly their share on the due date;
 * any other amount or day means the debit was rejected and the tenant sent a transfer.
 */
function tenantMethod(terms: LedgerTerms, share: Cents, amountCents: Cents, delay: number): PaymentMethod {
  return terms.method === 'DIRECT_DEBIT' && (amountCents !== share || delay !== 0) ? 'TRANSFER' : terms.method;
}

function lateness(calendar: RentCalendar, charges: DemoChargeRow[], planned: PlannedPayment[]) {
  const credits: LedgerCredit[] = planned.map((p, i) => ({ id: `${i}`, date: calendar.dateAt(p.offset), amountCents: p.amountCents }));
  const result = allocate(charges, credits);
  return { result, days: daysLate(result, calendar.asOf) };
}

/**
 * Makes the ledger agree with the behaviour, whatever the calendar did to the plan (a short
 * February, a due day late in the month): a lease meant to be in arrears loses its latest
 * payments until it is more than 30 days late; any other lease that would be gets a
 * catch-up transfer for what fell due more than 30 days ago.
 */
function settleToBehaviour(
  random: DemoRandom,
  calendar: RentCalendar,
  terms: LedgerTerms,
  behaviour: PaymentBehaviour,
  charges: DemoChargeRow[],
  planned: PlannedPayment[],
): void {
  if (behaviour === 'IN_ARREARS') {
    while (lateness(calendar, charges, planned).days <= ARREARS_DAYS) planned.splice(latestPaymentIndex(planned), 1);
    return;
  }
  const { result, days } = lateness(calendar, charges, planned);
  if (days <= ARREARS_DAYS) return;
  const arrearsCutoff = calendar.dateAt(-ARREARS_DAYS);
  let owed = 0;
  for (const status of result.charges) if (compareDates(status.charge.dueDate, arrearsCutoff) < 0) owed += status.outstandingCents;
  planned.push({ offset: -random.int(0, 3), amountCents: owed, method: 'TRANSFER', payerName: terms.payerName });
  if (lateness(calendar, charges, planned).days > ARREARS_DAYS)
    throw new Error(`demo ledger of lease ${terms.leaseId} is still in arrears after catching up`);
}

/** The tenant's latest payment, or the latest benefit payment once the tenant's are gone. */
function latestPaymentIndex(planned: PlannedPayment[]): number {
  if (planned.length === 0) throw new Error('no payment left to take back');
  const rank = (p: PlannedPayment) => (p.method === 'HOUSING_BENEFIT' ? -1_000_000 : 0) + p.offset;
  let latest = 0;
  for (let i = 1; i < planned.length; i++) if (rank(planned[i]) > rank(planned[latest])) latest = i;
  return latest;
}
