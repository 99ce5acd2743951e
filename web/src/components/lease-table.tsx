import { Link } from 'react-router-dom';
import type { OpenDebt, PortfolioLease } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { DebtStatusLabel } from './debt-status';
import { NextActionText } from './next-action-text';

/**
 * The landlord's leases, one row each: balance, days late, the debt's age by bucket, the
 * open case's status and next action. On a phone each row becomes a card (CSS), its
 * cells labelled by their column's name.
 */
export function LeaseTable({ caption, leases, debts }: { caption: string; leases: PortfolioLease[]; debts: Map<string, OpenDebt> }) {
  const { t } = useLanguage();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="data-table lease-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.portfolio.reference}</th>
            <th scope="col" className="numeric">
              {t.portfolio.balance}
            </th>
            <th scope="col" className="numeric">
              {t.portfolio.daysLate}
            </th>
            <th scope="col">{t.portfolio.aging}</th>
            <th scope="col">{t.portfolio.status}</th>
            <th scope="col">{t.portfolio.nextAction}</th>
          </tr>
        </thead>
        <tbody>
          {leases.map((lease) => {
            const debt = debts.get(lease.id);
            return (
              <tr key={lease.id}>
                <th scope="row" data-label={t.portfolio.reference}>
                  {debt ? (
                    <Link to={`/debts/${debt.id}`} aria-label={t.portfolio.openDebt(lease.reference)}>
                      {lease.reference}
                    </Link>
                  ) : (
                    lease.reference
                  )}
                </th>
                <td className="numeric" data-label={t.portfolio.balance}>
                  {format.euros(lease.balanceCents)}
                </td>
                <td className="numeric" data-label={t.portfolio.daysLate}>
                  {t.portfolio.days(lease.daysLate)}
                </td>
                <td data-label={t.portfolio.aging}>
                  <AgingCell aging={lease.aging} />
                </td>
                <td data-label={t.portfolio.status}>{debt ? <DebtStatusLabel status={debt.status} /> : t.portfolio.noDebt}</td>
                <td data-label={t.portfolio.nextAction}>{debt ? <NextActionText action={debt.nextAction} /> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The non-zero buckets of one lease, as short text. */
function AgingCell({ aging }: { aging: PortfolioLease['aging'] }) {
  const { t } = useLanguage();
  const format = useFormat();
  const parts = [
    [t.aging.bucket0To30, aging.days0To30],
    [t.aging.bucket31To60, aging.days31To60],
    [t.aging.bucket61To90, aging.days61To90],
    [t.aging.bucket90Plus, aging.days90Plus],
  ] as const;
  const owed = parts.filter(([, cents]) => cents > 0);
  if (owed.length === 0) return <>—</>;
  return (
    <ul className="aging-cell">
      {owed.map(([label, cents]) => (
        <li key={label}>
          {label} — {format.euros(cents)}
        </li>
      ))}
    </ul>
  );
}
