/**
 * Money in Relance: integer euro cents, always. No float ever holds an amount; parsing
 * and formatting work on the digits.
 */
export type Cents = number;

/** Largest single ledger amount accepted (1,000,000.00 €): far above any rent, far below 2^31. */
export const MAX_ENTRY_CENTS = 100_000_000;

/** Whether a value is a whole number of cents that integer arithmetic keeps exact. */
export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless `value` is an exact integer amount; returns it typed. */
export function assertCents(value: number, what = 'amount'): Cents {
  if (!isCents(value)) throw new RangeError(`${what} must be a whole number of cents, got ${value}`);
  return value;
}

/** Sum of amounts; throws if the sum leaves the range where integers are exact. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) total += value;
  return assertCents(total, 'sum');
}

const EUROS = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/;

/**
 * Parses "1234.5", "1234,50" or "-12" into cents, digit by digit.
 *
 * @example parseEuros('845,30') // 84530
 */
export function parseEuros(text: string): Cents {
  const match = EUROS.exec(text.trim());
  if (!match) throw new RangeError(`not an amount in euros: ${JSON.stringify(text)}`);
  const [, sign, units, decimals = ''] = match;
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return assertCents(sign ? -cents : cents);
}

/**
 * Formats cents the French way, "1 234,56 €" (narrow no-break space between thousands).
 *
 * @example formatEuros(123456) // '1 234,56 €'
 */
export function formatEuros(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const decimals = (abs % 100).toString().padStart(2, '0');
  return `${sign}${units},${decimals}\u00a0€`;
}
