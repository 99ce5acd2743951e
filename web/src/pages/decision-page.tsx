import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ExtranetDraftLetterDocument, ExtranetPendingApprovalsDocument } from '../api/generated';
import { DecisionForm } from '../components/decision-form';
import { DocumentLinks, Sha256 } from '../components/document-links';
import { InstallmentTable } from '../components/installment-table';
import { PageHeading } from '../components/page-heading';
import { LoadError, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { approvalSubject } from '../components/approval-subject';

/**
 * `/app/decisions/:debtId?step=<stepKey>`: the letter or plan awaiting the landlord's
 * approval, the deadline and what happens at it, and the decision form. Without `step`,
 * the debt's pending request due first (a debt may wait on a formal notice and a plan at once).
 */
export function DecisionPage() {
  const { t } = useLanguage();
  const format = useFormat();
  const { debtId = '' } = useParams();
  const [search] = useSearchParams();
  const step = search.get('step');
  const pending = useQuery(ExtranetPendingApprovalsDocument);
  const [decided, setDecided] = useState<boolean | undefined>();
  const request = pending.data?.approvalRequests.edges.map((e) => e.node).find((r) => r.debtId === debtId && (!step || r.stepKey === step));
  const documentId = request?.documentId ?? '';
  const draft = useQuery(ExtranetDraftLetterDocument, { variables: { id: documentId }, skip: !documentId });
  const draftSha = draft.data?.documents.edges[0]?.node.sha256;
  const back = (
    <p className="breadcrumb">
      <Link to="/decisions">{t.decision.back}</Link>
    </p>
  );
  if (decided !== undefined) {
    return (
      <div data-page="decision">
        {back}
        <PageHeading title={t.decisions.title}>{t.decisions.title}</PageHeading>
        <div className="alert alert-success" role="status">
          <p>{decided ? t.decision.approved : t.decision.rejected}</p>
        </div>
        <p>
          <Link to={`/debts/${debtId}`}>{t.debt.titleNoLease}</Link>
        </p>
      </div>
    );
  }
  if (pending.error) return <LoadError onRetry={() => void pending.refetch()} />;
  if (!pending.data) return <Loading />;
  if (!request) {
    return (
      <div data-page="decision">
        {back}
        <PageHeading title={t.decisions.title}>{t.decisions.title}</PageHeading>
        <p>{t.decision.notPending}</p>
      </div>
    );
  }
  const what = approvalSubject(t, request);
  return (
    <div data-page="decision">
      {back}
      <PageHeading title={t.decision.title(what)}>{t.decision.title(what)}</PageHeading>
      <section className="panel" aria-labelledby="decision-deadline">
        <h2 id="decision-deadline">{t.decision.deadlineTitle}</h2>
        <p className="fact-strong">{t.decision.deadline(format.dateTime(request.deadlineAt))}</p>
        <p>{t.decision.atDeadline}</p>
      </section>
      {request.documentId && (
        <section className="panel" aria-labelledby="decision-letter">
          <h2 id="decision-letter">{t.decision.letterToApprove}</h2>
          <p>
            <DocumentLinks id={request.documentId} title={what} />
          </p>
          {draftSha && (
            <dl className="facts">
              <div>
                <dt>{t.debt.sha256}</dt>
                <dd>
                  <Sha256 hex={draftSha} />
                </dd>
              </div>
            </dl>
          )}
        </section>
      )}
      {request.planInstallments && request.planInstallments.length > 0 && (
        <section className="panel" aria-labelledby="decision-plan">
          <h2 id="decision-plan">{t.decision.planToApprove}</h2>
          <InstallmentTable installments={request.planInstallments} caption={t.debt.planCaption} />
        </section>
      )}
      <DecisionForm request={request} onDecided={setDecided} />
      <p>
        <Link to={`/debts/${debtId}`}>{t.debt.titleNoLease}</Link>
      </p>
    </div>
  );
}
