import { ChargeResolver, CreditNoteResolver, DebtEventResolver, DebtResolver, LedgerMutationsResolver, PaymentResolver } from './ledger.object';
import { LeaseLedgerFieldsResolver, LeaseResolver } from './lease.object';
import { LeasePartiesResolver } from './lease-parties.resolver';
import { DebtActionsResolver } from './debt-actions.resolver';
import { MessageZonesResolver } from './message-zones.resolver';
import { TaskMutationsResolver, TaskResolver } from './task.object';
import { ScenarioResolver } from './scenario.object';
import { DocumentResolver, MessagingResolver, OutboundMessageResolver } from './messaging.object';
import { LandlordResolver } from './landlord.object';
import { GuarantorResolver, TenantResolver } from './person.object';
import { PropertyResolver, UnitResolver } from './property.object';
import { ApiKeyResolver, WorkspaceResolver } from './workspace.object';

/** The Twenty-style record APIs, one resolver per object, and the ledger's own mutations. */
export const RECORD_RESOLVERS = [
  WorkspaceResolver,
  ApiKeyResolver,
  LandlordResolver,
  PropertyResolver,
  UnitResolver,
  TenantResolver,
  GuarantorResolver,
  LeaseResolver,
  LeaseLedgerFieldsResolver,
  LeasePartiesResolver,
  ChargeResolver,
  PaymentResolver,
  CreditNoteResolver,
  DebtResolver,
  DebtActionsResolver,
  MessageZonesResolver,
  DebtEventResolver,
  TaskResolver,
  TaskMutationsResolver,
  ScenarioResolver,
  OutboundMessageResolver,
  DocumentResolver,
  MessagingResolver,
  LedgerMutationsResolver,
];
