import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { DEFAULT_SCENARIOS, PRECARIOUS_SCENARIO } from '../domain/default-scenarios';
import { handoffsAfterDeadline, LEASE_KINDS, ScenarioDefinition, ScenarioStep, TENANT_PROFILES, TenantProfile, validateScenario } from '../domain/scenario';
import { AssignmentFacts, AssignmentRule, chooseScenario, chooseScenarioKey, ScenarioChoice, worstProfile } from '../domain/scenario-assignment';
import { escalationsBeforeSocialPath, ruleReachesPrecarious } from '../domain/social-path';
import { normaliseDefinition } from './scenario-format';

export type ScenarioStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export interface ScenarioVersionRecord {
  version: number;
  definition: ScenarioDefinition;
  publishedAt: string | null;
  /** `<key>@<version>`, or `<key>@builtin-2` for a shipped scenario: what a debt records. */
  label: string;
}

export interface ScenarioRecord {
  key: string;
  name: string;
  builtin: boolean;
  status: ScenarioStatus;
  draft: ScenarioDefinition | null;
  /** Published versions, oldest first (a builtin has its one). */
  versions: ScenarioVersionRecord[];
}

/** Most rules a workspace keeps: more is a sign the scenarios need rethinking, not more rules. */
export const MAX_ASSIGNMENT_RULES = 100;
/** Bumped when a shipped definition changes (2: channel groups and catch-up policies). */
const BUILTIN_LABEL = 'builtin-2';

/**
 * The scenarios of a workspace (DESIGN §4): the shipped ones, read-only, and the admins'
 * own, each with an editable draft and immutable numbered versions, archived when retired.
 * A workspace's published version of a shipped key supersedes it for new debts. Also the
 * assignment rules, and the choice of a new debt's scenario version.
 */
@Injectable()
export class ScenarioCatalogService {
  private readonly logger = new Logger('ScenarioCatalog');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(workspaceId: string): Promise<ScenarioRecord[]> {
    const own = await this.ownScenarios(this.dataSource.manager, workspaceId);
    const builtins = DEFAULT_SCENARIOS.filter((b) => !own.some((s) => s.key === b.key)).map(builtinRecord);
    return [...builtins, ...own].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async get(workspaceId: string, key: string): Promise<ScenarioRecord> {
    const [own] = await this.ownScenarios(this.dataSource.manager, workspaceId, key);
    if (own) return own;
    const builtin = DEFAULT_SCENARIOS.find((b) => b.key === key);
    if (!builtin) throw new RelanceError('NOT_FOUND', `No scenario ${key} in this workspace`, { field: 'key' });
    return builtinRecord(builtin);
  }

  /** Creates the scenario or replaces its draft; the definition must be valid as a whole. */
  async saveDraft(actor: Actor, definition: ScenarioDefinition, field = 'definition', manager?: EntityManager): Promise<ScenarioRecord> {
    const clean = checkDefinition(definition, field);
    const write = async (m: EntityManager) => {
      const [existing] = await m.query('SELECT archived_at FROM scenario WHERE workspace_id = $1 AND key = $2 FOR UPDATE', [
        actor.workspaceId,
        clean.key,
      ]);
      if (existing?.archived_at) {
        throw new RelanceError('BAD_USER_INPUT', `Scenario ${clean.key} is archived: use another key`, { field: `${field}.key` });
      }
      await m.query(
        `INSERT INTO scenario (workspace_id, key, name, draft) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, key) DO UPDATE SET name = EXCLUDED.name, draft = EXCLUDED.draft, updated_at = now()`,
        [actor.workspaceId, clean.key, clean.name, JSON.stringify(clean)],
      );
    };
    if (manager) await write(manager);
    else await this.dataSource.transaction(write);
    return manager ? (await this.ownScenarios(manager, actor.workspaceId, clean.key))[0] : this.get(actor.workspaceId, clean.key);
  }

  /** Every definition, all or nothing: one bad scenario imports none, and the error names it. */
  async importDrafts(actor: Actor, definitions: ScenarioDefinition[]): Promise<ScenarioRecord[]> {
    if (definitions.length === 0) throw new RelanceError('BAD_USER_INPUT', 'The file holds no scenario', { field: 'text' });
    if (definitions.length > 50) throw new RelanceError('BAD_USER_INPUT', 'At most 50 scenarios per import', { field: 'text' });
    const keys = definitions.map((d) => d?.key);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice) throw new RelanceError('BAD_USER_INPUT', `Scenario ${twice} appears twice in the file`, { field: 'text' });
    return this.dataSource.transaction(async (manager) => {
      const saved: ScenarioRecord[] = [];
      for (const [i, definition] of definitions.entries()) saved.push(await this.saveDraft(actor, definition, `scenarios[${i}]`, manager));
      return saved;
    });
  }

  /** Freezes the draft as the next version; the draft is then cleared. */
  async publish(actor: Actor, key: string): Promise<ScenarioVersionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query('SELECT draft, archived_at FROM scenario WHERE workspace_id = $1 AND key = $2 FOR UPDATE', [
        actor.workspaceId,
        key,
      ]);
      if (!row) throw new RelanceError('NOT_FOUND', `No scenario ${key} of this workspace to publish`, { field: 'key' });
      if (row.archived_at) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is archived`, { field: 'key' });
      if (!row.draft) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} has no draft to publish`, { field: 'key' });
      // Rules may have changed since the draft was saved (new templates, new checks).
      const definition = checkDefinition(row.draft, 'draft');
      await this.checkSocialPath(manager, actor.workspaceId, key, definition);
      const [{ next }] = await manager.query(
        'SELECT COALESCE(max(version), 0) + 1 AS next FROM scenario_version WHERE workspace_id = $1 AND scenario_key = $2',
        [actor.workspaceId, key],
      );
      const [version] = await manager.query(
        `INSERT INTO scenario_version (workspace_id, scenario_key, version, definition, published_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING version, published_at`,
        [actor.workspaceId, key, next, JSON.stringify(definition), `api-key:${actor.apiKeyId}`],
      );
      await manager.query('UPDATE scenario SET draft = NULL, updated_at = now() WHERE workspace_id = $1 AND key = $2', [actor.workspaceId, key]);
      return { version: version.version, definition, publishedAt: new Date(version.published_at).toISOString(), label: `${key}@${version.version}` };
    });
  }

  async archive(actor: Actor, key: string): Promise<ScenarioRecord> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query('SELECT archived_at FROM scenario WHERE workspace_id = $1 AND key = $2 FOR UPDATE', [actor.workspaceId, key]);
      if (!row) {
        const builtin = DEFAULT_SCENARIOS.some((b) => b.key === key);
        throw new RelanceError(builtin ? 'BAD_USER_INPUT' : 'NOT_FOUND', builtin ? `${key} is a shipped scenario: it cannot be archived` : `No scenario ${key}`, {
          field: 'key',
        });
      }
      if (row.archived_at) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is already archived`, { field: 'key' });
      const [{ used }] = await manager.query(
        'SELECT count(*)::int AS used FROM scenario_assignment_rule WHERE workspace_id = $1 AND scenario_key = $2',
        [actor.workspaceId, key],
      );
      if (used > 0) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is used by ${used} assignment rule(s): change them first`, { field: 'key' });
      await manager.query('UPDATE scenario SET archived_at = now(), updated_at = now() WHERE workspace_id = $1 AND key = $2', [actor.workspaceId, key]);
    });
    return this.get(actor.workspaceId, key);
  }

  /** The definition to export or simulate: a version, the draft, or (neither) the latest published one. */
  async definition(workspaceId: string, key: string, which: { version?: number; draft?: boolean } = {}): Promise<ScenarioDefinition> {
    const scenario = await this.get(workspaceId, key);
    if (which.draft) {
      if (!scenario.draft) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} has no draft`, { field: 'draft' });
      return scenario.draft;
    }
    const version = which.version === undefined ? scenario.versions[scenario.versions.length - 1] : scenario.versions.find((v) => v.version === which.version);
    if (!version) {
      throw new RelanceError('BAD_USER_INPUT', which.version === undefined ? `Scenario ${key} has no published version` : `Scenario ${key} has no version ${which.version}`, {
        field: which.version === undefined ? 'key' : 'version',
      });
    }
    return version.definition;
  }

  async rules(workspaceId: string): Promise<AssignmentRule[]> {
    const rows = await this.dataSource.query(
      `SELECT scenario_key, lease_kind, tenant_profile, landlord_id, has_rent_guarantee
       FROM scenario_assignment_rule WHERE workspace_id = $1 ORDER BY position`,
      [workspaceId],
    );
    return rows.map((r: Record<string, string | boolean | null>) => ({
      scenarioKey: r.scenario_key as string,
      leaseKind: r.lease_kind as AssignmentRule['leaseKind'],
      profile: r.tenant_profile as AssignmentRule['profile'],
      landlordId: r.landlord_id as string | null,
      hasRentGuarantee: r.has_rent_guarantee as boolean | null,
    }));
  }

  /** Replaces the workspace's rules, in order; each must name a scenario new debts may get. */
  async setRules(actor: Actor, rules: AssignmentRule[]): Promise<AssignmentRule[]> {
    if (rules.length > MAX_ASSIGNMENT_RULES) throw new RelanceError('BAD_USER_INPUT', `At most ${MAX_ASSIGNMENT_RULES} rules`, { field: 'rules' });
    await this.dataSource.transaction(async (manager) => {
      for (const [i, rule] of rules.entries()) {
        const at = `rules[${i}]`;
        if (rule.leaseKind != null && !LEASE_KINDS.includes(rule.leaseKind)) {
          throw new RelanceError('BAD_USER_INPUT', `leaseKind must be one of ${LEASE_KINDS.join(', ')}`, { field: `${at}.leaseKind` });
        }
        if (rule.profile != null && !TENANT_PROFILES.includes(rule.profile)) {
          throw new RelanceError('BAD_USER_INPUT', `profile must be one of ${TENANT_PROFILES.join(', ')}`, { field: `${at}.profile` });
        }
        const usable = await this.latestUsable(actor.workspaceId, rule.scenarioKey, manager);
        if (!usable) {
          throw new RelanceError('BAD_USER_INPUT', `Scenario ${rule.scenarioKey} is not shipped nor published (or is archived)`, {
            field: `${at}.scenarioKey`,
          });
        }
        const faster = ruleReachesPrecarious(rule) ? escalationsBeforeSocialPath(usable.definition) : [];
        if (faster.length > 0) {
          throw new RelanceError(
            'BAD_USER_INPUT',
            `${at}: ${usable.label} would escalate faster than the social path for precarious tenants — ${faster.map((p) => p.message).join('; ')}`,
            { field: `${at}.scenarioKey` },
          );
        }
        if (rule.landlordId != null) {
          const [landlord] = await manager.query('SELECT 1 FROM landlord WHERE workspace_id = $1 AND id = $2', [actor.workspaceId, rule.landlordId]);
          if (!landlord) throw new RelanceError('BAD_USER_INPUT', 'No such landlord in this workspace', { field: `${at}.landlordId` });
        }
      }
      await manager.query('DELETE FROM scenario_assignment_rule WHERE workspace_id = $1', [actor.workspaceId]);
      for (const [i, rule] of rules.entries()) {
        await manager.query(
          `INSERT INTO scenario_assignment_rule (workspace_id, position, scenario_key, lease_kind, tenant_profile, landlord_id, has_rent_guarantee)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [actor.workspaceId, i + 1, rule.scenarioKey, rule.leaseKind ?? null, rule.profile ?? null, rule.landlordId ?? null, rule.hasRentGuarantee ?? null],
        );
      }
    });
    return this.rules(actor.workspaceId);
  }

  /**
   * The scenario version a new debt gets, and why: the key chosen by override, rules or the
   * shipped default (src/domain/scenario-assignment.ts), at the workspace's latest published
   * version, else the shipped one. An override naming no usable scenario is ignored (logged,
   * and said in the reason), never fatal.
   */
  async resolveForNewDebt(
    workspaceId: string,
    facts: AssignmentFacts,
  ): Promise<{ definition: ScenarioDefinition; label: string; choice: ScenarioChoice }> {
    const rules = await this.rules(workspaceId);
    let choice = chooseScenario(facts, rules);
    let resolved = await this.latestUsable(workspaceId, choice.key);
    if (!resolved && choice.source === 'OVERRIDE') {
      this.logger.warn(`Lease override ${facts.scenarioOverride} names no usable scenario in workspace ${workspaceId}; using the rules`);
      const fallback = chooseScenario({ ...facts, scenarioOverride: null }, rules);
      choice = { ...fallback, reason: `${fallback.reason}; the lease override ${facts.scenarioOverride} names no usable scenario` };
      resolved = await this.latestUsable(workspaceId, choice.key);
    }
    if (!resolved) throw new Error(`scenario ${choice.key} of workspace ${workspaceId} cannot be resolved`);
    return { ...resolved, choice };
  }

  /**
   * The social path's guard rail at publish time: a scenario that reaches precarious
   * tenants — the social path's own key, or one a rule for PRECARIOUS tenants names — may
   * not give them a formal notice or a hand-off sooner than the shipped precarious scenario.
   */
  private async checkSocialPath(manager: EntityManager, workspaceId: string, key: string, definition: ScenarioDefinition): Promise<void> {
    const [{ rules }] = await manager.query(
      `SELECT count(*)::int AS rules FROM scenario_assignment_rule WHERE workspace_id = $1 AND scenario_key = $2 AND tenant_profile = 'PRECARIOUS'`,
      [workspaceId, key],
    );
    if (key !== PRECARIOUS_SCENARIO.key && rules === 0) return;
    const faster = escalationsBeforeSocialPath(definition);
    if (faster.length === 0) return;
    const reaches = key === PRECARIOUS_SCENARIO.key ? 'is the social path of precarious and vulnerable tenants' : `is what ${rules} assignment rule(s) give precarious tenants`;
    throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} ${reaches}: ${faster.map((p) => `draft.${p.field}: ${p.message}`).join('; ')}`, {
      field: `draft.${faster[0].field}`,
    });
  }

  /**
   * What an admin should know about a scenario: its hand-offs that fall after the claim
   * deadline of rent-guarantee insurers of leases that would get it now.
   */
  async warnings(workspaceId: string, key: string, definition: ScenarioDefinition): Promise<string[]> {
    const leases: Array<Omit<AssignmentFacts, 'profile'> & { reference: string; profiles: TenantProfile[] | null }> = await this.dataSource.query(
      `SELECT l.reference, l.landlord_id AS "landlordId", l.kind AS "leaseKind", l.scenario_override AS "scenarioOverride",
              l.scenario_override_set_by_role AS "scenarioOverrideSetByRole", l.gli_claim_deadline_days AS "gliClaimDeadlineDays",
              EXISTS (SELECT 1 FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
                      WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id AND t.vulnerable) AS vulnerable,
              (SELECT array_agg(COALESCE(t.profile_override, t.profile)) FROM lease_tenant lt
               JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
               WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id) AS profiles
       FROM lease l WHERE l.workspace_id = $1 AND l.gli_claim_deadline_days IS NOT NULL ORDER BY l.reference`,
      [workspaceId],
    );
    const rules = await this.rules(workspaceId);
    // One warning per hand-off step and deadline, naming the leases concerned.
    const late = new Map<string, { step: ScenarioStep; deadline: number; leases: string[] }>();
    for (const lease of leases) {
      const profile = lease.vulnerable ? 'PRECARIOUS' : worstProfile(lease.profiles ?? []);
      if (chooseScenarioKey({ ...lease, profile }, rules) !== key) continue;
      const deadline = lease.gliClaimDeadlineDays!;
      for (const step of handoffsAfterDeadline(definition, deadline)) {
        const entry = late.get(`${step.key}@${deadline}`) ?? { step, deadline, leases: [] };
        entry.leases.push(lease.reference);
        late.set(`${step.key}@${deadline}`, entry);
      }
    }
    return [...late.values()].map(
      ({ step, deadline, leases: refs }) =>
        `${step.key} (D+${step.dayOffset}) falls after the D+${deadline} insurer claim deadline of ${refs.length} lease(s): ` +
        `${refs.slice(0, 5).join(', ')}${refs.length > 5 ? '…' : ''}`,
    );
  }

  private async latestUsable(
    workspaceId: string,
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ definition: ScenarioDefinition; label: string } | undefined> {
    const [own] = await manager.query(
      `SELECT s.archived_at, v.version, v.definition FROM scenario s
       LEFT JOIN LATERAL (SELECT version, definition FROM scenario_version sv
                          WHERE sv.workspace_id = s.workspace_id AND sv.scenario_key = s.key ORDER BY version DESC LIMIT 1) v ON true
       WHERE s.workspace_id = $1 AND s.key = $2`,
      [workspaceId, key],
    );
    if (own && !own.archived_at && own.version) return { definition: own.definition, label: `${key}@${own.version}` };
    const builtin = DEFAULT_SCENARIOS.find((b) => b.key === key);
    return builtin ? { definition: builtin, label: `${key}@${BUILTIN_LABEL}` } : undefined;
  }

  private async ownScenarios(manager: EntityManager, workspaceId: string, key?: string): Promise<ScenarioRecord[]> {
    const rows: Array<{ key: string; name: string; draft: ScenarioDefinition | null; archived_at: Date | null; versions: ScenarioVersionRecord[] | null }> =
      await manager.query(
        `SELECT s.key, s.name, s.draft, s.archived_at,
                (SELECT json_agg(json_build_object('version', v.version, 'definition', v.definition, 'publishedAt', v.published_at) ORDER BY v.version)
                 FROM scenario_version v WHERE v.workspace_id = s.workspace_id AND v.scenario_key = s.key) AS versions
         FROM scenario s WHERE s.workspace_id = $1 AND ($2::text IS NULL OR s.key = $2) ORDER BY s.key`,
        [workspaceId, key ?? null],
      );
    return rows.map((r) => {
      const versions = (r.versions ?? []).map((v) => ({ ...v, publishedAt: new Date(v.publishedAt!).toISOString(), label: `${r.key}@${v.version}` }));
      return {
        key: r.key,
        name: r.name,
        builtin: false,
        status: r.archived_at ? 'ARCHIVED' : versions.length > 0 ? 'PUBLISHED' : 'DRAFT',
        draft: r.draft,
        versions,
      };
    });
  }
}

function builtinRecord(definition: ScenarioDefinition): ScenarioRecord {
  return {
    key: definition.key,
    name: definition.name,
    builtin: true,
    status: 'PUBLISHED',
    draft: null,
    versions: [{ version: 1, definition, publishedAt: null, label: `${definition.key}@${BUILTIN_LABEL}` }],
  };
}

/** The definition in canonical form, or BAD_USER_INPUT listing every problem (the first one's field). */
export function checkDefinition(definition: unknown, field: string): ScenarioDefinition {
  const clean = normaliseDefinition(definition, field);
  const problems = validateScenario(clean);
  if (problems.length > 0) {
    const message = problems.map((p) => `${field}.${p.field}: ${p.message}`).join('; ');
    throw new RelanceError('BAD_USER_INPUT', message, { field: `${field}.${problems[0].field}` });
  }
  return clean;
}
