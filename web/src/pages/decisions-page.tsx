import { useQuery } from '@apollo/client';
import { Link } from 'react-router-dom';
import { ExtranetPendingApprovalsDocument } from '../api/generated';
import { PageHeading } from '../components/page-heading';
import { ListState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { approvalSubject } from '../components/approval-subject';

/** `/app/decisions`: every approval the landlord owes, the nearest deadline first. */
export function DecisionsPage() {
  const { t } = useLanguage();
  const format = useFormat();
  const pending = useQuery(ExtranetPendingApprovalsDocument);
  const requests = pending.data?.approvalRequests.edges.map((e) => e.node) ?? [];
  return (
    <div data-page="decisions">
      <PageHeading title={t.decisions.title}>{t.decisions.title}</PageHeading>
      <p>{t.decisions.intro}</p>
      <ListState query={pending} count={requests.length} none={t.decisions.none}>
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
      </ListState>
    </div>
  );
}
