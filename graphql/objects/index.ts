import { ChargeResolver, DebtEventResolver, DebtResolver, LedgerMutationsResolver, PaymentResolver } from './ledger.object';
import { LeaseLedgerFieldsResolver, LeaseResolver } from './lease.object';
import { LandlordResolver } from './landlord.object';
import { GuarantorResolver, TenantResolver } from './person.object';
import { PropertyResolver, UnitResolver } from './property.object';

/** The Twenty-style record APIs, one resolver per object, and the ledger's own mutations. */
export const RECORD_RESOLVERS = [
  LandlordResolver,
  PropertyResolver,
  UnitResolver,
  TenantResolver,
  GuarantorResolver,
  LeaseResolver,
  LeaseLedgerFieldsResolver,
  ChargeResolver,
  PaymentResolver,
  DebtResolver,
  DebtEventResolver,
  LedgerMutationsResolver,
];
