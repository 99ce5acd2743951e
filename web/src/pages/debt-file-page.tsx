import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router-dom';
import { ExtranetDebtFileDocument, ExtranetLeaseReferenceDocument } from '../api/generated';
import { DebtSummary } from '../components/debt-summary';
import { DebtTimeline } from '../components/debt-timeline';
import { LegalDates } from '../components/legal-dates';
import { LetterList } from '../components/letter-list';
import { PageHeading } from '../components/page-heading';
import { PaymentPlan } from '../components/payment-plan';
import { isNotFound, LoadError, Loading } from '../components/query-state';
import { UpcomingSteps } from '../components/upcoming-steps';
import { useLanguage } from '../i18n/language';
import { NotFoundPage } from './not-found-page';

/**
 * `/app/debts/:id`: one debt's file — where it stands, what was done, the letters, the
 * payment plan, the steps ahead and the legal dates. A debt the API does not show this landlord is a
 * "not found" page.
 */
export function DebtFilePage() {
  const { t } = useLanguage();
  const { id = '' } = useParams();
  const file = useQuery(ExtranetDebtFileDocument, { variables: { id, debtId: id } });
  const debt = file.data?.debt;
  const lease = useQuery(ExtranetLeaseReferenceDocument, { variables: { id: debt?.leaseId ?? '' }, skip: !debt });
  if (isNotFound(file.error)) return <NotFoundPage />;
  if (file.error) return <LoadError onRetry={() => void file.refetch()} />;
  if (!debt) return <Loading />;
  const reference = lease.data?.lease.reference;
  const title = reference ? t.debt.title(reference) : t.debt.titleNoLease;
  return (
    <div data-page="debt-file">
      <p className="breadcrumb">
        <Link to="/">{t.debt.back}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <DebtSummary debt={debt} />
      <DebtTimeline entries={debt.timeline} />
      <LetterList letters={file.data?.documents.edges.map((e) => e.node) ?? []} />
      <PaymentPlan plan={debt.paymentPlan} />
      <UpcomingSteps debt={debt} />
      <LegalDates dates={debt.legalCalendar} />
    </div>
  );
}
