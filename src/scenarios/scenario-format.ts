import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { RelanceError } from '../common/relance.error';
import { CatchUpPolicy, ScenarioDefinition, ScenarioStep, StepConditions } from '../domain/scenario';

/** How scenarios travel in and out: JSON or YAML, one scenario or `{ scenarios: [...] }`. */
export type ScenarioFormat = 'JSON' | 'YAML';

/** Files larger than this are not scenarios. */
export const MAX_SCENARIO_FILE_CHARS = 200_000;

const bad = (field: string, message: string) => new RelanceError('BAD_USER_INPUT', message, { field });

/** Every scenario of an imported file, in canonical form (validity is checked on save). */
export function parseScenarioFile(text: string, format: ScenarioFormat): ScenarioDefinition[] {
  if (text.length > MAX_SCENARIO_FILE_CHARS) throw bad('text', `The file is longer than ${MAX_SCENARIO_FILE_CHARS} characters`);
  let data: unknown;
  try {
    data = format === 'JSON' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 0 });
  } catch (error) {
    throw bad('text', `Not valid ${format}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.scenarios) ? data.scenarios : [data];
  return list.map((item, i) => normaliseDefinition(item, `scenarios[${i}]`));
}

/** One definition as text, in the shape `parseScenarioFile` reads back. */
export function formatScenario(definition: ScenarioDefinition, format: ScenarioFormat): string {
  // No anchors for objects used twice (two steps' shared catch-up policy): imports refuse aliases.
  return format === 'JSON' ? `${JSON.stringify(definition, null, 2)}\n` : stringifyYaml(definition, { aliasDuplicateObjects: false });
}

/**
 * A definition in canonical form: known properties only, in a stable order, absent
 * optional ones left out. Wrong types are BAD_USER_INPUT naming the field; the rules of a
 * scenario (offsets, actions, approvals…) are `validateScenario`'s.
 */
export function normaliseDefinition(value: unknown, field: string): ScenarioDefinition {
  if (!isObject(value)) throw bad(field, `${field} must be a scenario object with key, name and steps`);
  const text = (v: unknown, at: string, optional = false): string | undefined => {
    if (v === undefined || v === null) {
      if (optional) return undefined;
      throw bad(at, `${at} is required`);
    }
    if (typeof v !== 'string') throw bad(at, `${at} must be text`);
    return v;
  };
  if (!Array.isArray(value.steps)) throw bad(`${field}.steps`, `${field}.steps must be a list of steps`);
  const steps = value.steps.map((raw, i): ScenarioStep => {
    const at = `${field}.steps[${i}]`;
    if (!isObject(raw)) throw bad(at, `${at} must be a step object`);
    if (typeof raw.dayOffset !== 'number') throw bad(`${at}.dayOffset`, `${at}.dayOffset must be a number of days`);
    const step: ScenarioStep = {
      key: text(raw.key, `${at}.key`)!,
      dayOffset: raw.dayOffset,
      action: text(raw.action, `${at}.action`) as ScenarioStep['action'],
    };
    const template = text(raw.template, `${at}.template`, true);
    if (template !== undefined) step.template = template;
    const conditions = normaliseConditions(raw.conditions, `${at}.conditions`);
    if (conditions) step.conditions = conditions;
    for (const flag of ['requiresLandlordApproval', 'manual'] as const) {
      if (raw[flag] === undefined || raw[flag] === null) continue;
      if (typeof raw[flag] !== 'boolean') throw bad(`${at}.${flag}`, `${at}.${flag} must be true or false`);
      if (raw[flag]) step[flag] = true;
    }
    const channelGroup = text(raw.channelGroup, `${at}.channelGroup`, true);
    if (channelGroup !== undefined) step.channelGroup = channelGroup;
    if (raw.catchUp !== undefined && raw.catchUp !== null) {
      if (!isObject(raw.catchUp)) throw bad(`${at}.catchUp`, `${at}.catchUp must be an object with a policy (and days for WITHIN_DAYS)`);
      const policy = text(raw.catchUp.policy, `${at}.catchUp.policy`) as CatchUpPolicy['policy'];
      const days = raw.catchUp.days;
      if (days !== undefined && days !== null && typeof days !== 'number')
        throw bad(`${at}.catchUp.days`, `${at}.catchUp.days must be a number of days`);
      // validateScenario checks the policy and its days.
      step.catchUp = (days === undefined || days === null ? { policy } : { policy, days }) as CatchUpPolicy;
    }
    return step;
  });
  const description = text(value.description, `${field}.description`, true);
  return {
    key: text(value.key, `${field}.key`)!,
    name: text(value.name, `${field}.name`)!,
    ...(description !== undefined ? { description } : {}),
    steps,
  };
}

function normaliseConditions(value: unknown, at: string): StepConditions | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw bad(at, `${at} must be an object`);
  const conditions: StepConditions = {};
  if (value.minBalanceCents !== undefined && value.minBalanceCents !== null) {
    if (typeof value.minBalanceCents !== 'number') throw bad(`${at}.minBalanceCents`, `${at}.minBalanceCents must be a number of cents`);
    conditions.minBalanceCents = value.minBalanceCents;
  }
  for (const list of ['profiles', 'leaseKinds'] as const) {
    const items = value[list];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items) || !items.every((x) => typeof x === 'string'))
      throw bad(`${at}.${list}`, `${at}.${list} must be a list of names`);
    (conditions as Record<string, unknown>)[list] = items;
  }
  return Object.keys(conditions).length > 0 ? conditions : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
