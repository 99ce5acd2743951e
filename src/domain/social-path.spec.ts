import { CHRONIC_SCENARIO, DEFAULT_SCENARIOS, PRECARIOUS_SCENARIO } from './default-scenarios';
import { ScenarioDefinition } from './scenario';
import { escalationsBeforeSocialPath, ruleReachesPrecarious, SOCIAL_PATH_LIMITS } from './social-path';

describe('the social path guard rail', () => {
  const social = (steps: ScenarioDefinition['steps']): ScenarioDefinition => ({ key: 'agence-sociale', name: 'Sociale', steps });

  it('takes its limits from the shipped precarious scenario: D+45 and D+75', () => {
    expect(SOCIAL_PATH_LIMITS).toEqual({ formalNoticeDay: 45, handoffDay: 75 });
    expect(escalationsBeforeSocialPath(PRECARIOUS_SCENARIO)).toEqual([]);
  });

  it('refuses a formal notice or a hand-off sooner, at the limits', () => {
    expect(
      escalationsBeforeSocialPath(
        social([
          { key: 'n', dayOffset: 45, action: 'FORMAL_NOTICE' },
          { key: 'h', dayOffset: 75, action: 'INSURER_CLAIM' },
        ]),
      ),
    ).toEqual([]);
    expect(
      escalationsBeforeSocialPath(
        social([
          { key: 'n', dayOffset: 44, action: 'FORMAL_NOTICE' },
          { key: 'h', dayOffset: 74, action: 'LITIGATION_HANDOFF' },
        ]),
      ),
    ).toEqual([
      { field: 'steps[0].dayOffset', message: "n: a formal notice at D+44, sooner than the social path's D+45" },
      { field: 'steps[1].dayOffset', message: "h: a hand-off at D+74, sooner than the social path's D+75" },
    ]);
    expect(escalationsBeforeSocialPath(CHRONIC_SCENARIO).map((p) => p.message)).toEqual([
      "d20-formal-notice: a formal notice at D+20, sooner than the social path's D+45",
      "d35-handoff: a hand-off at D+35, sooner than the social path's D+75",
    ]);
    // Every other shipped scenario escalates faster: none may be given to precarious tenants by a rule.
    expect(DEFAULT_SCENARIOS.filter((d) => escalationsBeforeSocialPath(d).length === 0).map((d) => d.key)).toEqual(['precarious-social']);
  });

  it('ignores steps whose conditions keep them from precarious tenants', () => {
    expect(
      escalationsBeforeSocialPath(social([{ key: 'n', dayOffset: 10, action: 'FORMAL_NOTICE', conditions: { profiles: ['CHRONIC'] } }])),
    ).toEqual([]);
    expect(
      escalationsBeforeSocialPath(
        social([{ key: 'n', dayOffset: 10, action: 'FORMAL_NOTICE', conditions: { profiles: ['CHRONIC', 'PRECARIOUS'] } }]),
      ),
    ).toHaveLength(1);
  });

  it('applies to rules for PRECARIOUS tenants only: others never reach them', () => {
    expect(ruleReachesPrecarious({ profile: 'PRECARIOUS' })).toBe(true);
    expect(ruleReachesPrecarious({ profile: null })).toBe(false);
    expect(ruleReachesPrecarious({ profile: 'CHRONIC' })).toBe(false);
  });
});
