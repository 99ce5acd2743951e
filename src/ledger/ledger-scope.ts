/**
 * The landlord scope of a ledger row (charge, payment, credit note): a LANDLORD key sees
 * the entries of its own leases only. `$L` is the landlord's id (see RecordRepository.scope).
 */
export const ON_LANDLORD_LEASE = (alias: string): string =>
  `EXISTS (SELECT 1 FROM lease x WHERE x.workspace_id = ${alias}.workspace_id AND x.id = ${alias}.lease_id AND x.landlord_id = $L)`;
