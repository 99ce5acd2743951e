import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { isIsoDate } from '../domain/calendar-date';
import { mandateOf } from '../domain/dunning-plan';
import { oldestUnpaid } from '../domain/ledger';
import { LeaseKind, PreferredChannel, reachablePreference, ScenarioDefinition, sharedPreference, TenantProfile } from '../domain/scenario';
import { worstProfile } from '../domain/scenario-assignment';
import { SimulatedEvent, SimulationInput, simulateScenario } from '../domain/scenario-simulation';
import { LeaseService } from '../leases/lease.service';
import { LedgerService } from '../ledger/ledger.service';
import { checkDefinition, ScenarioCatalogService } from './scenario-catalog.service';

/** Most hypothetical payments one simulation applies. */
export const MAX_SIMULATED_PAYMENTS = 100;

/** A debt that does not exist: its oldest unpaid due date and overdue balance. */
export interface HypotheticalDebt {
  anchor: string;
  balanceCents: number;
  profile: TenantProfile;
  leaseKind: LeaseKind;
  preferredChannel?: PreferredChannel | null;
}

/** What to simulate: a scenario (a saved one, or a definition not saved yet) on a real lease or a hypothetical debt. */
export interface SimulationRequest {
  scenarioKey?: string;
  version?: number;
  /** With scenarioKey: its draft. */
  draft?: boolean;
  definition?: ScenarioDefinition;
  leaseId?: string;
  debt?: HypotheticalDebt;
  payments?: Array<{ date: string; amountCents: number }>;
}

/** How far a lease's open debt got: its anchor, the steps done (with when), its last restart and contact. */
export interface LeaseDebtProgress {
  anchor: string;
  done: Array<{ stepKey: string; at: string }>;
  resumedAt?: string;
  lastContactAt?: string;
}

/**
 * The port through which a simulation on a real lease learns how far the lease's open debt
 * got (undefined: none is open). Debts are a feature above scenarios: the caller that
 * composes both (the GraphQL resolver) passes the debt feature's answer in.
 */
export type LeaseDebtProgressOf = (workspaceId: string, leaseId: string) => Promise<LeaseDebtProgress | undefined>;

/**
 * Previews a scenario's calendar before anything runs (`simulateScenario`): the domain's
 * simulator (src/domain/scenario-simulation.ts) over a real lease as it stands today — its
 * overdue balance, oldest unpaid due date, tenants, kind, landlord's mandate and open
 * debt's progress — or over a hypothetical debt, with optional payments.
 */
@Injectable()
export class ScenarioSimulationService {
  constructor(
    private readonly catalog: ScenarioCatalogService,
    private readonly leases: LeaseService,
    private readonly ledger: LedgerService,
  ) {}

  async simulate(actor: Actor, request: SimulationRequest, progressOf: LeaseDebtProgressOf): Promise<SimulatedEvent[]> {
    const { scenarioKey, definition, leaseId, debt, payments = [] } = request;
    if (Boolean(scenarioKey) === Boolean(definition)) {
      throw new RelanceError('BAD_USER_INPUT', 'Give either scenarioKey or definition', { field: 'scenarioKey' });
    }
    if (Boolean(leaseId) === Boolean(debt)) throw new RelanceError('BAD_USER_INPUT', 'Give either leaseId or debt', { field: 'leaseId' });
    const scenario = definition
      ? checkDefinition(definition, 'definition')
      : await this.catalog.definition(actor.workspaceId, scenarioKey!, { version: request.version, draft: request.draft });
    const facts = leaseId ? await this.leaseFacts(actor, leaseId, progressOf) : checkHypothetical(debt!);
    if (payments.length > MAX_SIMULATED_PAYMENTS) {
      throw new RelanceError('BAD_USER_INPUT', `At most ${MAX_SIMULATED_PAYMENTS} payments`, { field: 'payments' });
    }
    payments.forEach((p, i) => {
      if (!isIsoDate(p.date)) throw new RelanceError('BAD_USER_INPUT', 'date must be YYYY-MM-DD', { field: `payments[${i}].date` });
      if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0) {
        throw new RelanceError('BAD_USER_INPUT', 'amountCents must be above 0', { field: `payments[${i}].amountCents` });
      }
    });
    return simulateScenario(scenario, { ...facts, payments });
  }

  /** A real lease as the simulator sees it: its overdue balance and oldest unpaid due date today. */
  private async leaseFacts(actor: Actor, leaseId: string, progressOf: LeaseDebtProgressOf): Promise<SimulationInput> {
    const lease = await this.leases.get(actor, leaseId);
    const [ledger, tenants, landlord, [guarantorIds]] = await Promise.all([
      this.ledger.ledgerOf(actor.workspaceId, leaseId),
      this.leases.tenantContactsOf(actor.workspaceId, leaseId),
      this.leases.landlordMandateOf(actor.workspaceId, leaseId),
      this.leases.guarantorIdsOf(actor, [leaseId]),
    ]);
    const today = todayIn();
    const oldest = oldestUnpaid(ledger, today);
    if (!oldest) {
      throw new RelanceError('BAD_USER_INPUT', 'Nothing is overdue on this lease: simulate a hypothetical debt instead', {
        field: 'leaseId',
      });
    }
    const balanceCents = ledger.charges.filter((c) => c.charge.dueDate < today).reduce((sum, c) => sum + c.outstandingCents, 0);
    // From now: the open debt's steps done are listed on their real dates; a lease with no
    // debt yet is simulated as if one opened now.
    const progress = await progressOf(actor.workspaceId, leaseId).catch((error: unknown) => {
      throw new RelanceError('UNAVAILABLE', 'Temporal did not answer for this lease’s debt', { cause: error });
    });
    const preferredChannel = sharedPreference(tenants.map((t) => reachablePreference(t)));
    return {
      anchor: progress?.anchor ?? oldest.charge.dueDate,
      balanceCents,
      profile: worstProfile(tenants.map((t) => t.profile)),
      leaseKind: lease.kind,
      mandate: mandateOf(landlord.approvalSteps, landlord.litigationThresholdCents),
      guarantors: guarantorIds.length,
      from: new Date(),
      ...(preferredChannel ? { preferredChannel } : {}),
      ...(progress ? { done: progress.done, resumedAt: progress.resumedAt, lastContactAt: progress.lastContactAt } : {}),
    };
  }
}

function checkHypothetical(debt: HypotheticalDebt): SimulationInput {
  if (!isIsoDate(debt.anchor)) throw new RelanceError('BAD_USER_INPUT', 'anchor must be YYYY-MM-DD', { field: 'debt.anchor' });
  if (!Number.isSafeInteger(debt.balanceCents) || debt.balanceCents <= 0) {
    throw new RelanceError('BAD_USER_INPUT', 'balanceCents must be above 0', { field: 'debt.balanceCents' });
  }
  return {
    anchor: debt.anchor,
    balanceCents: debt.balanceCents,
    profile: debt.profile,
    leaseKind: debt.leaseKind,
    ...(debt.preferredChannel ? { preferredChannel: debt.preferredChannel } : {}),
  };
}
