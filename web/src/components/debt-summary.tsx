import type { DebtFile } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { DebtStatusLabel } from './debt-status';
import { NextActionText } from './next-action-text';

/** Balance, age, status and next action of a debt, as a description list. */
export function DebtSummary({ debt }: { debt: DebtFile }) {
  const { t } = useLanguage();
  const format = useFormat();
  return (
    <section aria-labelledby="debt-summary" className="panel">
      <h2 id="debt-summary">{t.debt.summary}</h2>
      <dl className="facts">
        <div>
          <dt>{t.debt.amount}</dt>
          <dd className="fact-strong">{format.euros(debt.amountCents)}</dd>
        </div>
        <div>
          <dt>{t.debt.daysLate}</dt>
          <dd>{t.portfolio.days(debt.daysLate)}</dd>
        </div>
        <div>
          <dt>{t.debt.status}</dt>
          <dd>
            <DebtStatusLabel status={debt.status} />
          </dd>
        </div>
        <div>
          <dt>{t.debt.nextAction}</dt>
          <dd>
            <NextActionText action={debt.nextAction} />
          </dd>
        </div>
        {debt.oldestUnpaidDueDate && (
          <div>
            <dt>{t.debt.oldestUnpaid}</dt>
            <dd>{format.date(debt.oldestUnpaidDueDate)}</dd>
          </div>
        )}
        <div>
          <dt>{t.debt.openedOn}</dt>
          <dd>{format.date(debt.openedOn)}</dd>
        </div>
        {debt.currentStep && (
          <div>
            <dt>{t.debt.currentStep}</dt>
            <dd>{debt.currentStep}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
