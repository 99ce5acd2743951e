import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorRef } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import { DEFAULT_SCENARIOS, PRECARIOUS_SCENARIO } from '../domain/default-scenarios';
import {
  handoffsAfterDeadline,
  LEASE_KINDS,
  ScenarioDefinition,
  ScenarioStep,
  TENANT_PROFILES,
  validateScenario,
} from '../domain/scenario';
import {
  AssignmentFacts,
  AssignmentRule,
  chooseScenario,
  chooseScenarioKey,
  ScenarioChoice,
  worstProfile,
} from '../domain/scenario-assignment';
import { escalationsBeforeSocialPath, ruleReachesPrecarious } from '../domain/social-path';
import { LeaseService } from '../leases/lease.service';
import { ScenarioAssignmentRuleRepository } from './scenario-assignment-rule.repository';
import { normaliseDefinition } from './scenario-format';
import { ScenarioVersionRepository } from './scenario-version.repository';
import { ScenarioVersionRecord } from './scenario-version.entity';
import { ScenarioRecord, ScenarioStatus } from './scenario.entity';
import { ScenarioRepository, StoredScenario } from './scenario.repository';

// The shapes callers know the catalog by (graphql/enums.ts, the debt feature).
export type { ScenarioRecord, ScenarioStatus, ScenarioVersionRecord };

/** Most rules a workspace keeps: more is a sign the scenarios need rethinking, not more rules. */
export const MAX_ASSIGNMENT_RULES = 100;
/** Bumped when a shipped definition changes (2: channel groups and catch-up policies; 3: the D+5 guarantor notice). */
const BUILTIN_LABEL = 'builtin-3';
/**
 * The steps each revision of the shipped scenarios added, by revision: a debt pinned to an
 * earlier revision reads its scenario without them, as its workflow runs it. (Revision 2
 * changed how steps run, not which: its definition reads as 3's without the later steps.)
 */
const BUILTIN_STEPS_ADDED: Record<number, readonly string[]> = { 3: ['d5-guarantor'] };

/** A shipped scenario as revision `revision` had it (the current one when undefined or unknown). */
export function builtinAtRevision(definition: ScenarioDefinition, revision: number | undefined): ScenarioDefinition {
  if (revision === undefined) return definition;
  const later = Object.entries(BUILTIN_STEPS_ADDED)
    .filter(([added]) => Number(added) > revision)
    .flatMap(([, steps]) => steps);
  return later.length === 0 ? definition : { ...definition, steps: definition.steps.filter((s) => !later.includes(s.key)) };
}

/**
 * The scenarios of a workspace (DESIGN §4): the shipped ones, read-only, and the admins'
 * own, each with an editable draft and immutable numbered versions, archived when retired.
 * A workspace's published version of a shipped key supersedes it for new debts. Also the
 * assignment rules, and the choice of a new debt's scenario version.
 */
@Injectable()
export class ScenarioCatalogService {
  private readonly logger = new Logger('ScenarioCatalog');

  constructor(
    private readonly scenarios: ScenarioRepository,
    private readonly versions: ScenarioVersionRepository,
    private readonly assignmentRules: ScenarioAssignmentRuleRepository,
    private readonly leases: LeaseService,
    // Only to open the transactions the repositories join: the SQL is theirs.
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(workspaceId: string): Promise<ScenarioRecord[]> {
    const own = (await this.scenarios.listWithVersions(workspaceId)).map(ownRecord);
    const builtins = DEFAULT_SCENARIOS.filter((b) => !own.some((s) => s.key === b.key)).map(builtinRecord);
    return [...builtins, ...own].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async get(workspaceId: string, key: string, db?: EntityManager): Promise<ScenarioRecord> {
    const [own] = await this.scenarios.listWithVersions(workspaceId, key, db);
    if (own) return ownRecord(own);
    const builtin = DEFAULT_SCENARIOS.find((b) => b.key === key);
    if (!builtin) throw new RelanceError('NOT_FOUND', `No scenario ${key} in this workspace`, { field: 'key' });
    return builtinRecord(builtin);
  }

  /** Creates the scenario or replaces its draft; the definition must be valid as a whole. */
  async saveDraft(actor: Actor, definition: ScenarioDefinition, field = 'definition', manager?: EntityManager): Promise<ScenarioRecord> {
    const clean = checkDefinition(definition, field);
    const write = async (db: EntityManager) => {
      const existing = await this.scenarios.lock(actor.workspaceId, clean.key, db);
      if (existing?.archivedAt) {
        throw new RelanceError('BAD_USER_INPUT', `Scenario ${clean.key} is archived: use another key`, { field: `${field}.key` });
      }
      await this.scenarios.saveDraft(actor.workspaceId, clean, db);
    };
    if (manager) await write(manager);
    else await this.dataSource.transaction(write);
    return this.get(actor.workspaceId, clean.key, manager);
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
      const row = await this.scenarios.lock(actor.workspaceId, key, manager);
      if (!row) throw new RelanceError('NOT_FOUND', `No scenario ${key} of this workspace to publish`, { field: 'key' });
      if (row.archivedAt) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is archived`, { field: 'key' });
      if (!row.draft) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} has no draft to publish`, { field: 'key' });
      // Rules may have changed since the draft was saved (new templates, new checks).
      const definition = checkDefinition(row.draft, 'draft');
      await this.checkSocialPath(manager, actor.workspaceId, key, definition);
      const version = await this.versions.publishNext(
        actor.workspaceId,
        { scenarioKey: key, definition, publishedBy: actorRef(actor) },
        manager,
      );
      await this.scenarios.clearDraft(actor.workspaceId, key, manager);
      return { version: version.version, definition, publishedAt: version.publishedAt, label: `${key}@${version.version}` };
    });
  }

  async archive(actor: Actor, key: string): Promise<ScenarioRecord> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.scenarios.lock(actor.workspaceId, key, manager);
      if (!row) {
        const builtin = DEFAULT_SCENARIOS.some((b) => b.key === key);
        throw new RelanceError(
          builtin ? 'BAD_USER_INPUT' : 'NOT_FOUND',
          builtin ? `${key} is a shipped scenario: it cannot be archived` : `No scenario ${key}`,
          { field: 'key' },
        );
      }
      if (row.archivedAt) throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is already archived`, { field: 'key' });
      const used = await this.assignmentRules.countNaming(actor.workspaceId, key, undefined, manager);
      if (used > 0) {
        throw new RelanceError('BAD_USER_INPUT', `Scenario ${key} is used by ${used} assignment rule(s): change them first`, {
          field: 'key',
        });
      }
      await this.scenarios.archive(actor.workspaceId, key, manager);
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
    const version =
      which.version === undefined
        ? scenario.versions[scenario.versions.length - 1]
        : scenario.versions.find((v) => v.version === which.version);
    if (!version) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        which.version === undefined ? `Scenario ${key} has no published version` : `Scenario ${key} has no version ${which.version}`,
        { field: which.version === undefined ? 'key' : 'version' },
      );
    }
    return version.definition;
  }

  /** The scenario a debt is pinned to, from its label (`key@3`, or `key@builtin-2` for a shipped one, as that revision had it). */
  async pinnedDefinition(workspaceId: string, label: string): Promise<ScenarioDefinition> {
    const at = label.lastIndexOf('@');
    const key = label.slice(0, at);
    const version = label.slice(at + 1);
    if (/^\d+$/.test(version)) return this.definition(workspaceId, key, { version: Number(version) });
    const builtin = DEFAULT_SCENARIOS.find((s) => s.key === key);
    if (!builtin) throw new Error(`debt scenario ${label} is neither a workspace version nor a shipped scenario`);
    const revision = /^builtin-(\d+)$/.exec(version);
    return builtinAtRevision(builtin, revision ? Number(revision[1]) : undefined);
  }

  rules(workspaceId: string): Promise<AssignmentRule[]> {
    return this.assignmentRules.list(workspaceId);
  }

  /** Replaces the workspace's rules, in order; each must name a scenario new debts may get. */
  async setRules(actor: Actor, rules: AssignmentRule[]): Promise<AssignmentRule[]> {
    if (rules.length > MAX_ASSIGNMENT_RULES) {
      throw new RelanceError('BAD_USER_INPUT', `At most ${MAX_ASSIGNMENT_RULES} rules`, { field: 'rules' });
    }
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
        if (rule.landlordId != null && !(await this.leases.landlordExists(actor.workspaceId, rule.landlordId, manager))) {
          throw new RelanceError('BAD_USER_INPUT', 'No such landlord in this workspace', { field: `${at}.landlordId` });
        }
      }
      await this.assignmentRules.replaceAll(actor.workspaceId, rules, manager);
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
      this.logger.warn(
        { workspaceId, scenarioOverride: facts.scenarioOverride },
        'The lease override names no usable scenario; using the rules',
      );
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
    const rules = await this.assignmentRules.countNaming(workspaceId, key, 'PRECARIOUS', manager);
    if (key !== PRECARIOUS_SCENARIO.key && rules === 0) return;
    const faster = escalationsBeforeSocialPath(definition);
    if (faster.length === 0) return;
    const reaches =
      key === PRECARIOUS_SCENARIO.key
        ? 'is the social path of precarious and vulnerable tenants'
        : `is what ${rules} assignment rule(s) give precarious tenants`;
    throw new RelanceError(
      'BAD_USER_INPUT',
      `Scenario ${key} ${reaches}: ${faster.map((p) => `draft.${p.field}: ${p.message}`).join('; ')}`,
      { field: `draft.${faster[0].field}` },
    );
  }

  /**
   * What an admin should know about a scenario: its hand-offs that fall after the claim
   * deadline of rent-guarantee insurers of leases that would get it now.
   */
  async warnings(workspaceId: string, key: string, definition: ScenarioDefinition): Promise<string[]> {
    const [warnings] = await this.warningsOf(workspaceId, [{ key, definition }]);
    return warnings;
  }

  /**
   * {@link warnings} of several scenarios at once, in the order asked (a DataLoader batch):
   * two statements whatever their number — the insured leases and the rules, read once.
   */
  async warningsOf(workspaceId: string, scenarios: ReadonlyArray<{ key: string; definition: ScenarioDefinition }>): Promise<string[][]> {
    const [leases, rules] = await Promise.all([this.leases.insuredLeaseFacts(workspaceId), this.rules(workspaceId)]);
    // Which scenario each insured lease would get now: the same for every scenario asked.
    const keyOf = new Map(
      leases.map((lease) => [
        lease,
        chooseScenarioKey({ ...lease, profile: lease.vulnerable ? 'PRECARIOUS' : worstProfile(lease.profiles ?? []) }, rules),
      ]),
    );
    return scenarios.map(({ key, definition }) => {
      // One warning per hand-off step and deadline, naming the leases concerned.
      const late = new Map<string, { step: ScenarioStep; deadline: number; leases: string[] }>();
      for (const lease of leases) {
        if (keyOf.get(lease) !== key) continue;
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
    });
  }

  private async latestUsable(
    workspaceId: string,
    key: string,
    manager?: EntityManager,
  ): Promise<{ definition: ScenarioDefinition; label: string } | undefined> {
    const own = await this.scenarios.latestVersion(workspaceId, key, manager);
    if (own && !own.archived && own.latest) return { definition: own.latest.definition, label: `${key}@${own.latest.version}` };
    const builtin = DEFAULT_SCENARIOS.find((b) => b.key === key);
    return builtin ? { definition: builtin, label: `${key}@${BUILTIN_LABEL}` } : undefined;
  }
}

function ownRecord(stored: StoredScenario): ScenarioRecord {
  const versions = stored.versions.map((v) => ({ ...v, label: `${stored.key}@${v.version}` }));
  const status: ScenarioStatus = stored.archivedAt ? 'ARCHIVED' : versions.length > 0 ? 'PUBLISHED' : 'DRAFT';
  return { key: stored.key, name: stored.name, builtin: false, status, draft: stored.draft, versions };
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
