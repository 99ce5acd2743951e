import { STANDARD_SCENARIO } from '../domain/default-scenarios';
import { formatScenario, parseScenarioFile } from './scenario-format';

describe('scenario files', () => {
  it.each(['JSON', 'YAML'] as const)('reads back what it writes, as %s', (format) => {
    expect(parseScenarioFile(formatScenario(STANDARD_SCENARIO, format), format)).toEqual([STANDARD_SCENARIO]);
  });

  it('reads one scenario, a list, or { scenarios: [...] }, dropping unknown properties', () => {
    const one = { ...STANDARD_SCENARIO, colour: 'blue' };
    expect(parseScenarioFile(JSON.stringify(one), 'JSON')).toEqual([STANDARD_SCENARIO]);
    expect(parseScenarioFile(JSON.stringify([one, one]), 'JSON')).toHaveLength(2);
    expect(parseScenarioFile(`scenarios:\n  - ${JSON.stringify(one)}\n`, 'YAML')).toEqual([STANDARD_SCENARIO]);
  });

  it('names the field of a wrong type, and refuses what is not the format', () => {
    const wrong = { ...STANDARD_SCENARIO, steps: [{ ...STANDARD_SCENARIO.steps[0], manual: 'yes' }] };
    expect(() => parseScenarioFile(JSON.stringify([STANDARD_SCENARIO, wrong]), 'JSON')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'scenarios[1].steps[0].manual' }),
    );
    expect(() => parseScenarioFile('{ nope', 'JSON')).toThrow(expect.objectContaining({ field: 'text' }));
    // YAML aliases are refused: no billion laughs.
    expect(() => parseScenarioFile('a: &x [1]\nb: *x\n', 'YAML')).toThrow(expect.objectContaining({ field: 'text' }));
  });
});
