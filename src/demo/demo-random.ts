/**
 * A small seeded pseudo-random source for the demo agency. Mulberry32: 32 bits of state,
 * fast, and good enough for plausible data; the point is that the same seed gives the same
 * agency on every machine, which Math.random cannot promise.
 */

// Module-level aliases: under Jest every global lookup (Math…) goes through the test
// context's interceptor, and these run tens of millions of times for a large agency.
const { floor, imul } = Math;
const { fromCharCode } = String;

export class DemoRandom {
  /**
   * Kept a signed 32-bit integer so V8 stores it unboxed: as an unsigned value above 2^31
   * every step would allocate a heap number, which made a 200,000-lease run three times slower.
   */
  private state = 0;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)];
  }

  /** One value out of `[value, weight]` pairs, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /**
   * A version-4 UUID drawn from the stream, so rows can reference each other before they
   * are inserted and a re-generated agency has the same ids.
   */
  uuid(): string {
    const codes = this.uuidCodes;
    for (let word = 0; word < 4; word++) {
      let bits = this.nextUint32();
      if (word === 1) bits = (bits & 0xffff0fff) | 0x00004000; // version 4
      if (word === 2) bits = (bits & 0x3fffffff) | 0x80000000; // variant 10xx
      for (let nibble = 0; nibble < 8; nibble++) {
        codes[UUID_POSITIONS[word * 8 + nibble]] = HEX_CODES[(bits >>> (28 - 4 * nibble)) & 15];
      }
    }
    // One flat string from char codes: a 200,000-lease agency holds millions of these, and
    // pieced-together strings would cost several times the memory.
    return fromCharCode(...codes);
  }

  private readonly uuidCodes: number[] = Array.from('00000000-0000-0000-0000-000000000000', (c) => c.charCodeAt(0));
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Where the i-th hex digit of a UUID goes once the dashes (after digits 8, 12, 16, 20) are in. */
const UUID_POSITIONS = Array.from(
  { length: 32 },
  (_, i) => i + (i >= 8 ? 1 : 0) + (i >= 12 ? 1 : 0) + (i >= 16 ? 1 : 0) + (i >= 20 ? 1 : 0),
);
