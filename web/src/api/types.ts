/** The shapes of what the extranet's queries ask for (a subset of graphql/schema.graphql). */

export interface NextAction {
  kind: string;
  stepKey: string | null;
  /** ISO 8601; null when it waits on a person. */
  at: string | null;
}

export interface Aging {
  days0To30: number;
  days31To60: number;
  days61To90: number;
  days90Plus: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor?: string; node: T }>;
  pageInfo?: PageInfo;
  totalCount?: number;
}

export interface PortfolioLease {
  id: string;
  reference: string;
  balanceCents: number;
  daysLate: number;
  aging: Aging;
}

export interface OpenDebt {
  id: string;
  leaseId: string;
  status: string;
  nextAction: NextAction | null;
}

export interface Installment {
  dueDate: string;
  amountCents: number;
}

export interface TimelineEntry {
  id: string;
  occurredAt: string;
  kind: string;
  summary: string;
}

export interface DebtFile {
  id: string;
  leaseId: string;
  amountCents: number;
  daysLate: number;
  status: string;
  currentStep: string | null;
  openedOn: string;
  oldestUnpaidDueDate: string | null;
  scenarioVersion: string | null;
  nextAction: NextAction | null;
  paymentPlan: { acceptedAt: string; awaitingApproval: boolean; installments: Installment[] } | null;
  timeline: TimelineEntry[];
}

export interface Letter {
  id: string;
  title: string;
  fileName: string;
  sha256: string;
  createdAt: string;
  downloadPath: string;
}

export interface ScenarioStep {
  key: string;
  action: string;
  dayOffset: number;
  requiresLandlordApproval: boolean;
}

export interface ApprovalRequest {
  id: string;
  debtId: string;
  kind: string;
  /** The step's action (FORMAL_NOTICE…); null for a payment plan. */
  action: string | null;
  stepKey: string;
  status: string;
  leaseReference: string | null;
  requestedAt: string;
  deadlineAt: string;
  documentId: string | null;
  planInstallments: Installment[] | null;
}

export interface LandlordStatement {
  id: string;
  month: string;
  leasesInArrears: number;
  overdueCents: number;
  recoveredCents: number;
  pendingDecisionCount: number;
  documentId: string;
  sha256: string;
  createdAt: string;
}
