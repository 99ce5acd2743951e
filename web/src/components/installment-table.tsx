import type { Installment } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/** A payment plan's installments: due date and amount. */
export function InstallmentTable({ installments, caption }: { installments: Installment[]; caption: string }) {
  const { t } = useLanguage();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="data-table installment-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.debt.dueDate}</th>
            <th scope="col" className="numeric">
              {t.aging.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {installments.map((installment, i) => (
            <tr key={`${installment.dueDate}-${i}`}>
              <th scope="row" data-label={t.debt.dueDate}>
                <time dateTime={installment.dueDate}>{format.date(installment.dueDate)}</time>
              </th>
              <td className="numeric" data-label={t.aging.amount}>
                {format.euros(installment.amountCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
