import { TenantDocument } from './tenant-document.entity';

/** The tables of the receipts feature: the tenant's quittances, reçus and rent notices. */
export const RECEIPTS_ENTITIES = [TenantDocument];
