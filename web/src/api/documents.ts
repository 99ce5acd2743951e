import { gql, TypedDocumentNode } from '@apollo/client';
import type { ApprovalRequest, Connection, DebtFile, LandlordStatement, Letter, OpenDebt, PortfolioLease, ScenarioStep } from './types';

/** Who is signed in: the header's names. */
export const VIEWER: TypedDocumentNode<{
  viewer: { workspaceName: string; landlordId: string | null; role: string };
}> = gql`
  query ExtranetViewer {
    viewer {
      workspaceName
      landlordId
      role
    }
  }
`;

export const LANDLORD_NAME: TypedDocumentNode<
  { landlord: { id: string; companyName: string | null; firstName: string | null; lastName: string | null } },
  { id: string }
> = gql`
  query ExtranetLandlordName($id: ID!) {
    landlord(id: $id) {
      id
      companyName
      firstName
      lastName
    }
  }
`;

/** One page of the landlord's leases (the API scopes them to the session's landlord). */
export const PORTFOLIO: TypedDocumentNode<
  { leases: Connection<PortfolioLease> & { totalCount: number } },
  {
    first?: number;
    last?: number;
    after?: string;
    before?: string;
    filter?: Record<string, unknown>;
    orderBy?: Array<Record<string, string>>;
  }
> = gql`
  query ExtranetPortfolio($first: Int, $last: Int, $after: String, $before: String, $filter: LeaseFilter, $orderBy: [LeaseOrderBy!]) {
    leases(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          reference
          balanceCents
          daysLate
          aging {
            days0To30
            days31To60
            days61To90
            days90Plus
          }
        }
      }
    }
  }
`;

/** The open debts of a page of leases, in one request. */
export const OPEN_DEBTS_OF_LEASES: TypedDocumentNode<{ debts: Connection<OpenDebt> }, { leaseIds: string[] }> = gql`
  query ExtranetOpenDebts($leaseIds: [String!]!) {
    debts(first: 200, filter: { leaseId: { in: $leaseIds }, closedAt: { is: NULL } }) {
      edges {
        node {
          id
          leaseId
          status
          nextAction {
            kind
            stepKey
            at
          }
        }
      }
    }
  }
`;

/** The aging of every lease in arrears, for the chart (a landlord's portfolio is small). */
export const ARREARS_AGING: TypedDocumentNode<{ leases: Connection<Pick<PortfolioLease, 'id' | 'aging'>> }> = gql`
  query ExtranetArrearsAging {
    leases(first: 200, filter: { balanceCents: { gt: 0 } }) {
      edges {
        node {
          id
          aging {
            days0To30
            days31To60
            days61To90
            days90Plus
          }
        }
      }
    }
  }
`;

/** A debt's file: where it stands, what was done, the letters sent (`debtId`: the same id, as the filters type it). */
export const DEBT_FILE: TypedDocumentNode<{ debt: DebtFile; documents: Connection<Letter> }, { id: string; debtId: string }> = gql`
  query ExtranetDebtFile($id: ID!, $debtId: String!) {
    debt(id: $id) {
      id
      leaseId
      amountCents
      daysLate
      status
      currentStep
      openedOn
      oldestUnpaidDueDate
      scenarioVersion
      nextAction {
        kind
        stepKey
        at
      }
      paymentPlan {
        acceptedAt
        awaitingApproval
        installments {
          dueDate
          amountCents
        }
      }
      timeline {
        id
        occurredAt
        kind
        summary
      }
    }
    documents(first: 100, filter: { debtId: { eq: $debtId }, draft: { eq: false } }, orderBy: [{ createdAt: AscNullsLast }]) {
      edges {
        node {
          id
          title
          fileName
          sha256
          createdAt
          downloadPath
        }
      }
    }
  }
`;

export const LEASE_REFERENCE: TypedDocumentNode<{ lease: { id: string; reference: string } }, { id: string }> = gql`
  query ExtranetLeaseReference($id: ID!) {
    lease(id: $id) {
      id
      reference
    }
  }
`;

/** A scenario's published versions, to show the steps a debt's version still has ahead. */
export const SCENARIO_STEPS: TypedDocumentNode<
  { scenario: { key: string; versions: Array<{ label: string; definition: { steps: ScenarioStep[] } }> } },
  { key: string }
> = gql`
  query ExtranetScenarioSteps($key: String!) {
    scenario(key: $key) {
      key
      versions {
        label
        definition {
          steps {
            key
            action
            dayOffset
            requiresLandlordApproval
          }
        }
      }
    }
  }
`;

/** The approvals the landlord owes, the nearest deadline first, with the letter (documentId) or the plan to approve. */
export const PENDING_APPROVALS: TypedDocumentNode<{ approvalRequests: Connection<ApprovalRequest> }> = gql`
  query ExtranetPendingApprovals {
    approvalRequests(first: 100, filter: { status: { eq: PENDING } }, orderBy: [{ deadlineAt: AscNullsLast }]) {
      edges {
        node {
          id
          debtId
          kind
          action
          stepKey
          status
          leaseReference
          requestedAt
          deadlineAt
          documentId
          planInstallments {
            dueDate
            amountCents
          }
        }
      }
    }
  }
`;

/** The landlord's decision, exactly as an integrator sends it. */
export const DECIDE_APPROVAL: TypedDocumentNode<
  { decideApproval: { id: string; status: string; nextAction: { kind: string; stepKey: string | null; at: string | null } | null } },
  { debtId: string; stepKey: string; approve: boolean; comment?: string }
> = gql`
  mutation ExtranetDecideApproval($debtId: ID!, $stepKey: String!, $approve: Boolean!, $comment: String) {
    decideApproval(debtId: $debtId, stepKey: $stepKey, approve: $approve, comment: $comment) {
      id
      status
      nextAction {
        kind
        stepKey
        at
      }
    }
  }
`;

/** The monthly statements, newest first: one archived PDF per month, with its figures. */
export const LANDLORD_STATEMENTS: TypedDocumentNode<{ landlordStatements: Connection<LandlordStatement> }> = gql`
  query ExtranetLandlordStatements {
    landlordStatements(first: 120, orderBy: [{ month: DescNullsLast }]) {
      edges {
        node {
          id
          month
          leasesInArrears
          overdueCents
          recoveredCents
          pendingDecisionCount
          documentId
          sha256
          createdAt
        }
      }
    }
  }
`;
