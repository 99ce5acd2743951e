import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InformationChannel } from '../domain/parties';
import { parisTime } from '../domain/french-calendar';
import { monthBounds, StatementMonth } from '../domain/statement-month';
import type { StatementFacts } from './statement-figures';

/** The landlord a statement is for, and how their mandate says they are kept informed. */
export interface StatementRecipient {
  landlordId: string;
  name: string;
  email: string | null;
  informationChannels: InformationChannel[];
}

/** The timeline kinds a statement may show; anything else is never read. */
export const STATEMENT_EVENT_KINDS = [
  'MESSAGE_SENT',
  'MESSAGE_DELIVERED',
  'MESSAGE_UNDELIVERED',
  'MESSAGE_FAILED',
  'TASK_COMPLETED',
  'APPROVAL_REQUESTED',
  'LANDLORD_APPROVED',
  'LANDLORD_REJECTED',
  'DEBT_OPENED',
  'DEBT_RESOLVED',
  'DEBT_CANCELLED',
  'DEBT_WRITTEN_OFF',
  'PLAN_PROPOSED',
  'PLAN_KEPT',
  'PLAN_BROKEN',
  'PROMISE_BROKEN',
  'PAUSED',
  'RESUMED',
  'FEE_POSTED',
] as const;

const joinLine = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' ');
const postalLines = (r: { line1: string | null; line2: string | null; postal: string | null; city: string | null }) =>
  [r.line1, r.line2, joinLine(r.postal, r.city)].filter((l): l is string => !!l && l.trim() !== '');
const personName = (r: { company_name: string | null; first_name: string | null; last_name: string | null }) =>
  r.company_name || [r.first_name, r.last_name].filter(Boolean).join(' ');

/**
 * The statements' read model: a landlord's month across the tables it spans (landlord,
 * workspace, lease and its tenants, the ledger, debts and their timeline), read with the
 * workspace and landlord in every statement. Only structured fields of timeline entries are
 * selected — never `summary` or a free text — so no call report can reach a statement.
 */
@Injectable()
export class StatementFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The landlords of a workspace that have at least one lease, in id order (the batches' order). */
  async landlordsWithLeases(workspaceId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT ll.id FROM landlord ll
       WHERE ll.workspace_id = $1 AND EXISTS (SELECT 1 FROM lease l WHERE l.workspace_id = ll.workspace_id AND l.landlord_id = ll.id)
       ORDER BY ll.id`,
      [workspaceId],
    );
    return rows.map((r) => r.id);
  }

  /** A landlord's name, address and mandate channels; undefined when the workspace has no such landlord. */
  async recipient(workspaceId: string, landlordId: string): Promise<StatementRecipient | undefined> {
    const [row]: Array<{
      id: string;
      company_name: string | null;
      first_name: string | null;
      last_name: string | null;
      email: string | null;
      mandate_information_channels: InformationChannel[];
    }> = await this.dataSource.query(
      `SELECT id, company_name, first_name, last_name, email, mandate_information_channels FROM landlord WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, landlordId],
    );
    return (
      row && { landlordId: row.id, name: personName(row), email: row.email, informationChannels: row.mandate_information_channels ?? [] }
    );
  }

  /**
   * Everything the landlord's statement for `month` is made of. Ledger entries up to the
   * month's last day, timeline entries of the month in Paris time, and the decisions
   * awaited now (debts whose published next action is WAIT_APPROVAL).
   */
  async factsOf(workspaceId: string, landlordId: string, month: StatementMonth): Promise<StatementFacts | undefined> {
    const { last, first, next } = monthBounds(month);
    const db = this.dataSource;
    const [head] = await db.query(
      `SELECT ll.company_name, ll.first_name, ll.last_name, ll.address_line1 AS ll_line1, ll.address_line2 AS ll_line2,
              ll.postal_code AS ll_postal, ll.city AS ll_city,
              w.name AS w_name, w.legal_name AS w_legal, w.address_line1 AS w_line1, w.address_line2 AS w_line2,
              w.postal_code AS w_postal, w.city AS w_city, w.phone AS w_phone, w.email AS w_email
       FROM landlord ll JOIN workspace w ON w.id = ll.workspace_id
       WHERE ll.workspace_id = $1 AND ll.id = $2`,
      [workspaceId, landlordId],
    );
    if (!head) return undefined;
    const leases: Array<{ id: string; reference: string; tenants: string[] | null }> = await db.query(
      `SELECT l.id, l.reference,
              array_remove(array_agg(NULLIF(trim(concat_ws(' ', t.first_name, t.last_name)), '') ORDER BY t.last_name, t.first_name, t.id), NULL) AS tenants
       FROM lease l
       LEFT JOIN lease_tenant lt ON lt.workspace_id = l.workspace_id AND lt.lease_id = l.id
       LEFT JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
       WHERE l.workspace_id = $1 AND l.landlord_id = $2
       GROUP BY l.id, l.reference ORDER BY l.reference, l.id`,
      [workspaceId, landlordId],
    );
    const charges: Array<{
      id: string;
      lease_id: string;
      period: string;
      due_date: string;
      rent_cents: number;
      charges_cents: number;
      fee_cents: number;
    }> = await db.query(
      `SELECT c.id, c.lease_id, c.period, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.rent_cents, c.charges_cents, c.fee_cents
       FROM charge c JOIN lease l ON l.workspace_id = c.workspace_id AND l.id = c.lease_id
       WHERE c.workspace_id = $1 AND l.landlord_id = $2 AND c.due_date <= $3::date`,
      [workspaceId, landlordId, last],
    );
    const credits: Array<{ id: string; lease_id: string; date: string; amount_cents: number; payment: boolean }> = await db.query(
      `SELECT pay.id, pay.lease_id, to_char(pay.paid_on, 'YYYY-MM-DD') AS date, pay.amount_cents, true AS payment
       FROM payment pay JOIN lease l ON l.workspace_id = pay.workspace_id AND l.id = pay.lease_id
       WHERE pay.workspace_id = $1 AND l.landlord_id = $2 AND pay.paid_on <= $3::date
       UNION ALL
       SELECT cn.id, cn.lease_id, to_char(cn.issued_on, 'YYYY-MM-DD') AS date, cn.amount_cents, false AS payment
       FROM credit_note cn JOIN lease l ON l.workspace_id = cn.workspace_id AND l.id = cn.lease_id
       WHERE cn.workspace_id = $1 AND l.landlord_id = $2 AND cn.issued_on <= $3::date`,
      [workspaceId, landlordId, last],
    );
    const events: Array<{
      lease_id: string;
      kind: string;
      occurred_at: Date | string;
      channel: string | null;
      outcome: string | null;
      promised_date: string | null;
      step_key: string | null;
    }> = await db.query(
      `SELECT d.lease_id, de.kind, de.occurred_at,
              de.data->>'channel' AS channel, de.data->>'outcome' AS outcome,
              de.data->>'promisedDate' AS promised_date, de.data->>'stepKey' AS step_key
       FROM debt_event de
       JOIN debt d ON d.workspace_id = de.workspace_id AND d.id = de.debt_id
       JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       WHERE de.workspace_id = $1 AND l.landlord_id = $2 AND de.occurred_at >= $3 AND de.occurred_at < $4 AND de.kind = ANY($5::text[])
       ORDER BY de.occurred_at, de.id`,
      [workspaceId, landlordId, parisTime(first, 0).toISOString(), parisTime(next, 0).toISOString(), [...STATEMENT_EVENT_KINDS]],
    );
    // Debts waiting on the landlord's approval, as their row says: the service adds the
    // approval requests and keeps these only for runs from before them (no request row).
    const pending: Array<{ id: string; lease_id: string; step_key: string | null; deadline_at: Date | string | null }> = await db.query(
      `SELECT d.id, d.lease_id, d.next_action_step_key AS step_key, d.next_action_at AS deadline_at
       FROM debt d JOIN lease l ON l.workspace_id = d.workspace_id AND l.id = d.lease_id
       WHERE d.workspace_id = $1 AND l.landlord_id = $2 AND d.next_action_kind = 'WAIT_APPROVAL'
         AND d.status IN ('OPEN', 'PAYMENT_PLAN', 'PAUSED', 'ESCALATED')
       ORDER BY d.next_action_at NULLS LAST, d.id`,
      [workspaceId, landlordId],
    );
    const instant = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
    return {
      month,
      agency: {
        name: head.w_name,
        legalName: head.w_legal,
        postal: postalLines({ line1: head.w_line1, line2: head.w_line2, postal: head.w_postal, city: head.w_city }),
        phone: head.w_phone,
        email: head.w_email,
      },
      landlord: {
        name: personName(head),
        postal: postalLines({ line1: head.ll_line1, line2: head.ll_line2, postal: head.ll_postal, city: head.ll_city }),
      },
      leases: leases.map((l) => ({ leaseId: l.id, reference: l.reference, tenants: l.tenants ?? [] })),
      charges: charges.map((c) => ({
        id: c.id,
        leaseId: c.lease_id,
        period: c.period,
        dueDate: c.due_date,
        rentCents: c.rent_cents,
        chargesCents: c.charges_cents,
        feeCents: c.fee_cents,
      })),
      credits: credits.map((c) => ({ id: c.id, leaseId: c.lease_id, date: c.date, amountCents: c.amount_cents, payment: c.payment })),
      events: events.map((e) => ({
        leaseId: e.lease_id,
        kind: e.kind,
        occurredAt: instant(e.occurred_at),
        channel: e.channel,
        outcome: e.outcome,
        promisedDate: e.promised_date,
        stepKey: e.step_key,
      })),
      pendingDecisions: pending.map((p) => ({
        debtId: p.id,
        leaseId: p.lease_id,
        stepKey: p.step_key,
        deadlineAt: p.deadline_at === null ? null : instant(p.deadline_at),
      })),
    };
  }
}
