import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReceiptDelivery, ReceiptRecipient } from '../domain/receipts';

/** A database handle: the data source, or the caller's transaction. */
type Db = Pick<EntityManager, 'query'>;

/** What the workspace chose for its tenants' documents. */
export interface ReceiptOptions {
  delivery: ReceiptDelivery;
  rentNotices: boolean;
}

/** Everything a tenant document's PDF and e-mail show besides its figures: who issues it, to whom, for which home. */
export interface TenantDocumentParties {
  agency: {
    name: string;
    legalName: string | null;
    postal: string[];
    phone: string | null;
    email: string | null;
    paymentInstructions: string | null;
  };
  landlord: { id: string; name: string; postal: string[] };
  lease: { id: string; reference: string; kind: string };
  /** The let home: the property's address and the unit's label. */
  premises: string[];
  /** The lease's tenants, in their order on the lease (name, then id). */
  tenants: ReceiptRecipient[];
}

const joinLine = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' ');
const postalLines = (line1: string | null, line2: string | null, postal: string | null, city: string | null) =>
  [line1, line2, joinLine(postal, city)].filter((l): l is string => !!l && l.trim() !== '');
const personName = (r: { company_name: string | null; first_name: string | null; last_name: string | null }) =>
  r.company_name || [r.first_name, r.last_name].filter(Boolean).join(' ');

/**
 * The tenant documents' read model: the workspace's options (read in the ledger's
 * transaction), and the parties a document names, across workspace, landlord, lease, unit,
 * property and tenants, always within one workspace.
 */
@Injectable()
export class TenantDocumentFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async options(workspaceId: string, db: Db = this.dataSource): Promise<ReceiptOptions> {
    const [row]: Array<{ receipt_delivery: ReceiptDelivery; rent_notices: boolean }> = await db.query(
      'SELECT receipt_delivery, rent_notices FROM workspace WHERE id = $1',
      [workspaceId],
    );
    return { delivery: row?.receipt_delivery ?? 'ARCHIVE', rentNotices: row?.rent_notices ?? false };
  }

  /** The parties of a lease's documents; undefined when the workspace has no such lease. On the caller's transaction when it passes its manager. */
  async partiesOf(workspaceId: string, leaseId: string, db: Db = this.dataSource): Promise<TenantDocumentParties | undefined> {
    const [head] = await db.query(
      `SELECT l.id, l.reference, l.kind,
              w.name AS w_name, w.legal_name AS w_legal, w.address_line1 AS w_line1, w.address_line2 AS w_line2,
              w.postal_code AS w_postal, w.city AS w_city, w.phone AS w_phone, w.email AS w_email, w.payment_instructions AS w_pay,
              ll.id AS ll_id, ll.company_name, ll.first_name, ll.last_name, ll.address_line1 AS ll_line1, ll.address_line2 AS ll_line2,
              ll.postal_code AS ll_postal, ll.city AS ll_city,
              u.label AS u_label, p.address_line1 AS p_line1, p.address_line2 AS p_line2, p.postal_code AS p_postal, p.city AS p_city
       FROM lease l
       JOIN workspace w ON w.id = l.workspace_id
       JOIN landlord ll ON ll.workspace_id = l.workspace_id AND ll.id = l.landlord_id
       JOIN unit u ON u.workspace_id = l.workspace_id AND u.id = l.unit_id
       JOIN property p ON p.workspace_id = u.workspace_id AND p.id = u.property_id
       WHERE l.workspace_id = $1 AND l.id = $2`,
      [workspaceId, leaseId],
    );
    if (!head) return undefined;
    const tenants: Array<{
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      email: string | null;
      consent_email: boolean;
    }> = await db.query(
      `SELECT t.first_name, t.last_name, NULL::text AS company_name, t.email, t.consent_email
         FROM lease_tenant lt JOIN tenant t ON t.workspace_id = lt.workspace_id AND t.id = lt.tenant_id
         WHERE lt.workspace_id = $1 AND lt.lease_id = $2
         ORDER BY t.last_name, t.first_name, t.id`,
      [workspaceId, leaseId],
    );
    return {
      agency: {
        name: head.w_name,
        legalName: head.w_legal,
        postal: postalLines(head.w_line1, head.w_line2, head.w_postal, head.w_city),
        phone: head.w_phone,
        email: head.w_email,
        paymentInstructions: head.w_pay,
      },
      landlord: { id: head.ll_id, name: personName(head), postal: postalLines(head.ll_line1, head.ll_line2, head.ll_postal, head.ll_city) },
      lease: { id: head.id, reference: head.reference, kind: head.kind },
      premises: [head.u_label, ...postalLines(head.p_line1, head.p_line2, head.p_postal, head.p_city)].filter(Boolean),
      tenants: tenants.map((t) => ({ name: personName(t), email: t.email, consentEmail: t.consent_email })),
    };
  }
}
