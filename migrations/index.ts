import { CreateWiringCheckRun1795456800000 } from './1795456800000-create-wiring-check-run';
import { CreateWorkspaceAndApiKey1795457000000 } from './1795457000000-create-workspace-and-api-key';
import { CreateLeaseLedgerAndDebt1795457100000 } from './1795457100000-create-lease-ledger-and-debt';
import { CreateTask1795457300000 } from './1795457300000-create-task';
import { CreateScenario1795457400000 } from './1795457400000-create-scenario';
import { CreateTemplatesDocumentsOutbox1795457500000 } from './1795457500000-create-templates-documents-outbox';
import { TaskCrmFields1795457600000 } from './1795457600000-task-crm-fields';
import { DropWiringCheckDueDayMonthEnd1795457700000 } from './1795457700000-drop-wiring-check-due-day-month-end';
import { LateFeesAndMessageZones1795457800000 } from './1795457800000-late-fees-and-message-zones';
import { EscalatedDebtsAndStatedPreferences1795458000000 } from './1795458000000-escalated-debts-and-stated-preferences';
import { TenantProfilesExplained1795458100000 } from './1795458100000-tenant-profiles-explained';
import { DebtProgressOnTheRow1795458200000 } from './1795458200000-debt-progress-on-the-row';
import { LandlordSignIn1795458300000 } from './1795458300000-landlord-sign-in';
import { ApprovalRequests1795458400000 } from './1795458400000-approval-requests';
import { LandlordStatements1795458500000 } from './1795458500000-landlord-statements';
import { DraftLetters1795458600000 } from './1795458600000-draft-letters';
import { LeaseOldestUnpaid1795458700000 } from './1795458700000-lease-oldest-unpaid';
import { TwentyConnections1795458800000 } from './1795458800000-twenty-connections';
import { LegalDeadlines1795458900000 } from './1795458900000-legal-deadlines';
import { TenantDocuments1795459000000 } from './1795459000000-tenant-documents';
import { Retention1795459100000 } from './1795459100000-retention';
import { DocumentLinks1795459200000 } from './1795459200000-document-links';

/** Hand-reviewed migrations, oldest first; they run at start-up (`migrationsRun`). */
export const RELANCE_MIGRATIONS = [
  CreateWiringCheckRun1795456800000,
  CreateWorkspaceAndApiKey1795457000000,
  CreateLeaseLedgerAndDebt1795457100000,
  CreateTask1795457300000,
  CreateScenario1795457400000,
  CreateTemplatesDocumentsOutbox1795457500000,
  TaskCrmFields1795457600000,
  DropWiringCheckDueDayMonthEnd1795457700000,
  LateFeesAndMessageZones1795457800000,
  EscalatedDebtsAndStatedPreferences1795458000000,
  TenantProfilesExplained1795458100000,
  DebtProgressOnTheRow1795458200000,
  LandlordSignIn1795458300000,
  ApprovalRequests1795458400000,
  LandlordStatements1795458500000,
  DraftLetters1795458600000,
  LeaseOldestUnpaid1795458700000,
  TwentyConnections1795458800000,
  LegalDeadlines1795458900000,
  TenantDocuments1795459000000,
  Retention1795459100000,
  DocumentLinks1795459200000,
];
