import { useQuery } from '@apollo/client';
import { Link } from 'react-router-dom';
import { PENDING_APPROVALS } from '../api/documents';
import { PageHeading } from '../components/page-heading';
import { isUnknownField, LoadError, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { approvalSubject } from '../components/approval-subject';

/** `/app/decisions`: every approval the landlord owes, the nearest deadline first. */
export function DecisionsPage() {
  const { t } = useLanguage();
  const format = useFormat();
  const pending = useQuery(PENDING_APPROVALS);
  const requests = pending.data?.approvalRequests.edges.map((e) => e.node) ?? [];
  return (
    <div data-page="decisions">
      <PageHeading title={t.decisions.title}>{t.decisions.title}</PageHeading>
      <p>{t.decisions.intro}</p>
      {isUnknownField(pending.error) ? (
        <p className="alert alert-info">{t.decisions.unavailable}</p>
      ) : pending.error ? (
        <LoadError onRetry={() => void pending.refetch()} />
      ) : pending.loading && !pending.data ? (
        <Loading />
      ) : requests.length === 0 ? (
        <p className="panel">{t.decisions.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table decisions-table">
            <caption>{t.decisions.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.decisions.kind}</th>
                <th scope="col">{t.decisions.requestedAt}</th>
                <th scope="col">{t.decisions.deadline}</th>
                <th scope="col">{t.decisions.debt}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => {
                const what = approvalSubject(t, request);
                return (
                  <tr key={request.id}>
                    <th scope="row" data-label={t.decisions.kind}>
                      {what}
                    </th>
                    <td data-label={t.decisions.requestedAt}>
                      <time dateTime={request.requestedAt}>{format.dateTime(request.requestedAt)}</time>
                    </td>
                    <td data-label={t.decisions.deadline}>
                      {request.deadlineAt ? <time dateTime={request.deadlineAt}>{format.dateTime(request.deadlineAt)}</time> : '—'}
                    </td>
                    <td data-label={t.decisions.debt}>
                      {request.leaseReference && <span className="lease-reference">{request.leaseReference} </span>}
                      <Link
                        to={`/decisions/${request.debtId}?step=${encodeURIComponent(request.stepKey)}`}
                        aria-label={t.decisions.openLabel(what)}
                      >
                        {t.decisions.open}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
