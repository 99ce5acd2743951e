import type {
  ExtranetDebtFileQuery,
  ExtranetLegalRisksQuery,
  ExtranetLandlordStatementsQuery,
  ExtranetOpenDebtsQuery,
  ExtranetPendingApprovalsQuery,
  ExtranetPortfolioQuery,
  ExtranetScenarioStepsQuery,
} from './generated';

/**
 * The shapes the extranet's components take, named from the generated query types
 * (web/src/api/extranet.graphql): a field a query stops asking for fails the build.
 */
type NodeOf<C extends { edges: Array<{ node: unknown }> }> = C['edges'][number]['node'];

export type PortfolioLease = NodeOf<ExtranetPortfolioQuery['leases']>;
export type Aging = PortfolioLease['aging'];
export type OpenDebt = NodeOf<ExtranetOpenDebtsQuery['debts']>;
export type NextAction = NonNullable<OpenDebt['nextAction']>;
export type DebtFile = ExtranetDebtFileQuery['debt'];
export type TimelineEntry = DebtFile['timeline'][number];
export type DebtLegalDates = NonNullable<DebtFile['legalCalendar']>;
export type LegalRisks = ExtranetLegalRisksQuery['legalRisks'];
export type Installment = NonNullable<DebtFile['paymentPlan']>['installments'][number];
export type Letter = NodeOf<ExtranetDebtFileQuery['documents']>;
export type ScenarioStep = NonNullable<ExtranetScenarioStepsQuery['scenario']>['versions'][number]['definition']['steps'][number];
export type ApprovalRequest = NodeOf<ExtranetPendingApprovalsQuery['approvalRequests']>;
export type LandlordStatement = NodeOf<ExtranetLandlordStatementsQuery['landlordStatements']>;
