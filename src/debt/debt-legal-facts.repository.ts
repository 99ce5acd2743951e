import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../domain/calendar-date';
import { parisParts } from '../domain/french-calendar';
import { LEGAL_MILESTONES, LegalFacts, LegalMilestone, STEP_MILESTONES } from '../domain/legal-rules';
import type { PartyKind } from '../domain/parties';
import type { AllocationResult } from '../domain/ledger';

/** The timeline kind of a milestone an agent records (`recordLegalMilestone`); steps record theirs as `ACTION_<action>`. */
export const LEGAL_MILESTONE_EVENT = 'LEGAL_MILESTONE';

const personName = (r: { company_name: string | null; first_name: string | null; last_name: string | null }) =>
  r.company_name || [r.first_name, r.last_name].filter(Boolean).join(' ');

/** The allocated ledgers of some leases, in their order (LedgerService.ledgersOf). */
export type LedgersOf = (leaseIds: string[]) => Promise<AllocationResult[]>;

/** A debt's legal facts, with what says whether its calendar is shown. */
export interface DebtLegalFactsRow {
  status: string;
  scenarioVersion: string | null;
  /** Undefined when nothing is overdue. */
  facts?: LegalFacts;
}

/**
 * What the legal rules (src/domain/legal-rules.ts) need of some debts, as of a Paris date:
 * each one's lease and GLI contract, its landlord's kind, its tenants and guarantors, the
 * charges still owed and overdue, and each legal milestone's date (from the timeline: those
 * agents record, and the steps that meet one). Read-only, like debt-letter-facts; one
 * statement for the debts and one ledger load for all their leases, whatever their number.
 * Debts of another workspace, or unknown, are left out of the map.
 */
export async function loadDebtsLegalFacts(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  debtIds: readonly string[],
  asOf: IsoDate,
  ledgersOf: LedgersOf,
): Promise<Map<string, DebtLegalFactsRow>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one row's columns, typed by factsOf's reading of them
  const rows: Array<Record<string, any>> = await db.query(
    `SELECT d.id, d.status, d.scenario_version, d.lease_id, to_char(d.oldest_unpaid_due_date, 'YYYY-MM-DD') AS anchor,
            to_char(d.opened_on, 'YYYY-MM-DD') AS opened_on,
            l.reference, l.kind, to_char(l.signed_on, 'YYYY-MM-DD') AS signed_on, l.monthly_rent_cents, l.monthly_charges_cents,
            l.housing_benefit_to_landlord, l.housing_benefit_cents, l.gli_insurer, l.gli_claim_deadline_days,
            l.gli_documents_required, l.gli_claim_regardless,
            ll.kind AS landlord_kind, ll.first_name, ll.last_name, ll.company_name, ll.family_sci, ll.professional_creditor,
            (SELECT COALESCE(json_agg(json_build_object('first_name', t.first_name, 'last_name', t.last_name, 'company_name', NULL)
                                      ORDER BY t.last_name, t.first_name, t.id), '[]'::json)
             FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
             WHERE lt.workspace_id = l.workspace_id AND lt.lease_id = l.id) AS tenants,
            (SELECT COALESCE(json_agg(json_build_object('first_name', g.first_name, 'last_name', g.last_name,
                                                        'company_name', g.company_name, 'kind', g.kind)
                                      ORDER BY g.last_name, g.first_name, g.id), '[]'::json)
             FROM lease_guarantor lg JOIN guarantor g ON g.workspace_id = lg.workspace_id AND g.id = lg.guarantor_id
             WHERE lg.workspace_id = l.workspace_id AND lg.lease_id = l.id) AS guarantors,
            (SELECT COALESCE(json_agg(json_build_object('kind', e.kind, 'milestone', e.data->>'milestone', 'on', e.data->>'on',
                                                        'stepKey', e.data->>'stepKey',
                                                        'at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                                      ORDER BY e.occurred_at, e.id), '[]'::json)
             FROM debt_event e
             WHERE e.workspace_id = d.workspace_id AND e.debt_id = d.id
               AND e.kind = ANY($3::text[])) AS milestones
     FROM debt d
     JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
     JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
     WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[])`,
    [workspaceId, debtIds, [LEGAL_MILESTONE_EVENT, 'MESSAGE_SENT', ...Object.keys(STEP_MILESTONES).map((action) => `ACTION_${action}`)]],
  );
  const overdue = rows.filter((r) => r.anchor);
  const leaseIds = [...new Set(overdue.map((r) => r.lease_id as string))];
  const ledgers = new Map((leaseIds.length > 0 ? await ledgersOf(leaseIds) : []).map((ledger, i) => [leaseIds[i], ledger]));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        status: row.status,
        scenarioVersion: row.scenario_version,
        ...(row.anchor ? { facts: factsOf(row, ledgers.get(row.lease_id)!, asOf) } : {}),
      },
    ]),
  );
}

/** One debt's legal facts; undefined when the workspace has no such debt or nothing is overdue. */
export async function loadDebtLegalFacts(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  debtId: string,
  asOf: IsoDate,
  ledgersOf: LedgersOf,
): Promise<LegalFacts | undefined> {
  return (await loadDebtsLegalFacts(db, workspaceId, [debtId], asOf, ledgersOf)).get(debtId)?.facts;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function factsOf(row: Record<string, any>, ledger: AllocationResult, asOf: IsoDate): LegalFacts {
  // A step's milestone is its first date; one an agent records overrides it, the latest record counting (a correction).
  // A guarantor notice counts once a letter of it went out (a guarantor without an address got none), on that day.
  const events = row.milestones as Array<{ kind: string; milestone: string | null; on: string | null; stepKey: string | null; at: string }>;
  const sentOn = new Map<string, IsoDate>();
  for (const event of events) {
    if (event.kind === 'MESSAGE_SENT' && event.stepKey && !sentOn.has(event.stepKey))
      sentOn.set(event.stepKey, parisParts(new Date(event.at)).date);
  }
  const milestones: LegalFacts['milestones'] = {};
  const recorded: LegalFacts['milestones'] = {};
  for (const event of events) {
    if (event.kind === LEGAL_MILESTONE_EVENT) {
      if ((LEGAL_MILESTONES as readonly string[]).includes(event.milestone ?? '') && event.on)
        recorded[event.milestone as LegalMilestone] = event.on;
      continue;
    }
    if (!event.kind.startsWith('ACTION_')) continue;
    const action = event.kind.slice('ACTION_'.length);
    const milestone = STEP_MILESTONES[action];
    const on =
      action === 'GUARANTOR_NOTICE' ? (event.stepKey ? sentOn.get(event.stepKey) : undefined) : parisParts(new Date(event.at)).date;
    if (milestone && on && !milestones[milestone]) milestones[milestone] = on;
  }
  Object.assign(milestones, recorded);
  return {
    anchor: row.anchor,
    openedOn: row.opened_on,
    lease: {
      reference: row.reference,
      kind: row.kind,
      signedOn: row.signed_on,
      monthlyRentCents: Number(row.monthly_rent_cents),
      monthlyChargesCents: Number(row.monthly_charges_cents ?? 0),
      housingBenefitToLandlord: Boolean(row.housing_benefit_to_landlord),
      housingBenefitCents: row.housing_benefit_cents === null ? null : Number(row.housing_benefit_cents),
      gli:
        row.gli_insurer && row.gli_claim_deadline_days
          ? {
              insurer: row.gli_insurer,
              claimDeadlineDays: Number(row.gli_claim_deadline_days),
              documentsRequired: row.gli_documents_required ?? [],
              claimRegardless: Boolean(row.gli_claim_regardless),
            }
          : null,
    },
    landlord: {
      name: personName(row as { company_name: string | null; first_name: string | null; last_name: string | null }),
      kind: row.landlord_kind as PartyKind,
      familySci: Boolean(row.family_sci),
      professionalCreditor: row.professional_creditor,
    },
    tenants: (row.tenants as Array<{ company_name: null; first_name: string | null; last_name: string | null }>).map(personName),
    guarantors: (
      row.guarantors as Array<{ company_name: string | null; first_name: string | null; last_name: string | null; kind: string }>
    ).map((g) => ({ name: personName(g), kind: (g.kind ?? 'NATURAL_PERSON') as PartyKind })),
    unpaid: ledger.charges
      .filter((c) => c.outstandingCents > 0 && c.charge.dueDate < asOf)
      .map((c) => ({ period: c.charge.period, dueDate: c.charge.dueDate, outstandingCents: c.outstandingCents })),
    milestones,
  };
}
