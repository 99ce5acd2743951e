/**
 * The landlord scope of a debt's message or document: a LANDLORD key sees those of its own
 * leases' debts only. `$L` is the landlord's id (see RecordRepository.scope).
 */
export const ON_LANDLORD_DEBT = (alias: string): string =>
  `EXISTS (SELECT 1 FROM debt y JOIN lease x ON x.workspace_id = y.workspace_id AND x.id = y.lease_id
    WHERE y.workspace_id = ${alias}.workspace_id AND y.id = ${alias}.debt_id AND x.landlord_id = $L)`;
