import { useQuery } from '@apollo/client';
import { ExtranetLandlordStatementsDocument } from '../api/generated';
import { DocumentLinks, Sha256 } from '../components/document-links';
import { PageHeading } from '../components/page-heading';
import { ListState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/** `/app/statements`: the monthly statements, newest first, as archived PDFs with their SHA-256. */
export function StatementsPage() {
  const { t } = useLanguage();
  const format = useFormat();
  const statements = useQuery(ExtranetLandlordStatementsDocument);
  const rows = statements.data?.landlordStatements.edges.map((e) => e.node) ?? [];
  return (
    <div data-page="statements">
      <PageHeading title={t.statements.title}>{t.statements.title}</PageHeading>
      <p>{t.statements.intro}</p>
      <ListState query={statements} count={rows.length} none={t.statements.none}>
        <div className="table-scroll">
          <table className="data-table statements-table">
            <caption>{t.statements.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.statements.month}</th>
                <th scope="col" className="numeric">
                  {t.statements.leasesInArrears}
                </th>
                <th scope="col" className="numeric">
                  {t.statements.overdue}
                </th>
                <th scope="col" className="numeric">
                  {t.statements.recovered}
                </th>
                <th scope="col" className="numeric">
                  {t.statements.pendingDecisions}
                </th>
                <th scope="col">{t.statements.createdAt}</th>
                <th scope="col">{t.debt.sha256}</th>
                <th scope="col">{t.debt.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((statement) => {
                const month = format.month(statement.month);
                return (
                  <tr key={statement.id}>
                    <th scope="row" data-label={t.statements.month}>
                      {month}
                    </th>
                    <td className="numeric" data-label={t.statements.leasesInArrears}>
                      {statement.leasesInArrears}
                    </td>
                    <td className="numeric" data-label={t.statements.overdue}>
                      {format.euros(statement.overdueCents)}
                    </td>
                    <td className="numeric" data-label={t.statements.recovered}>
                      {format.euros(statement.recoveredCents)}
                    </td>
                    <td className="numeric" data-label={t.statements.pendingDecisions}>
                      {statement.pendingDecisionCount}
                    </td>
                    <td data-label={t.statements.createdAt}>
                      <time dateTime={statement.createdAt}>{format.dateTime(statement.createdAt)}</time>
                    </td>
                    <td data-label={t.debt.sha256}>
                      <Sha256 hex={statement.sha256} />
                    </td>
                    <td data-label={t.debt.actions}>
                      <DocumentLinks id={statement.documentId} title={`${t.statements.title} — ${month}`} />
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
