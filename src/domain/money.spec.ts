import fc from 'fast-check';
import { formatEuros, parseEuros, sumCents } from './money';

describe('money', () => {
  it.each([
    ['845,30', 84_530],
    ['845.3', 84_530],
    ['0.07', 7],
    ['-12', -1_200],
    ['1000000', 100_000_000],
  ])('parses %j as %d cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(['', '12.345', '1e3', '12,3,4', 'abc', '0x10'])('refuses %j', (text) => {
    expect(() => parseEuros(text)).toThrow(RangeError);
  });

  it('formats the French way', () => {
    expect(formatEuros(123_456)).toBe('1\u202f234,56\u00a0€');
    expect(formatEuros(-5)).toBe('-0,05\u00a0€');
  });

  it('round-trips every amount through text without loss', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const text = formatEuros(cents)
          .replace(/\u202f/g, '')
          .replace('\u00a0€', '');
        expect(parseEuros(text)).toBe(cents);
      }),
    );
  });

  it('refuses a sum that would lose precision', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
