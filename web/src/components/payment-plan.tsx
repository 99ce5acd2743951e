import type { DebtFile } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { InstallmentTable } from './installment-table';

/** The debt's payment plan, running or awaiting the landlord's approval. */
export function PaymentPlan({ plan }: { plan: DebtFile['paymentPlan'] }) {
  const { t } = useLanguage();
  const format = useFormat();
  return (
    <section aria-labelledby="debt-plan" className="panel">
      <h2 id="debt-plan">{t.debt.plan}</h2>
      {!plan ? (
        <p>{t.debt.noPlan}</p>
      ) : (
        <>
          <p>{plan.awaitingApproval ? t.debt.planAwaiting : t.debt.planAccepted(format.dateTime(plan.acceptedAt))}</p>
          <InstallmentTable installments={plan.installments} caption={t.debt.planCaption} />
        </>
      )}
    </section>
  );
}
