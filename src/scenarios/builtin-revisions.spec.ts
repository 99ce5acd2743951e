import { DEFAULT_SCENARIOS } from '../domain/default-scenarios';
import { builtinAtRevision } from './scenario-catalog.service';

describe('shipped scenarios by revision', () => {
  it('reads a debt pinned to builtin-2 without the D+5 guarantor notice that builtin-3 added, and builtin-3 as shipped', () => {
    for (const scenario of DEFAULT_SCENARIOS) {
      const keys = scenario.steps.map((s) => s.key);
      expect(keys).toContain('d5-guarantor');
      expect(builtinAtRevision(scenario, 2).steps.map((s) => s.key)).toEqual(keys.filter((k) => k !== 'd5-guarantor'));
      expect(builtinAtRevision(scenario, 1).steps.map((s) => s.key)).toEqual(keys.filter((k) => k !== 'd5-guarantor'));
      expect(builtinAtRevision(scenario, 3)).toBe(scenario);
      expect(builtinAtRevision(scenario, undefined)).toBe(scenario);
    }
  });
});
