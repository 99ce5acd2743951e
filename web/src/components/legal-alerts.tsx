import { Link } from 'react-router-dom';
import type { LegalRisks } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/** The rules whose deadlines are the landlord's concern: their money's prescription and their insurer's claim. The agents' own deadlines stay in their task list. */
const LANDLORD_RULES = new Set(['PRESCRIPTION', 'GLI_CLAIM']);

/**
 * The portfolio's legal alerts, from `legalRisks` scoped to the landlord (docs/compliance.md,
 * "Where the dates are shown"): the sums prescribed and prescribing, the insurer claims that
 * can no longer be filed in time, and the coming deadlines of those two rules, each linking
 * to its case. Nothing to watch: nothing shown.
 */
export function LegalAlerts({ risks }: { risks: LegalRisks | undefined }) {
  const { t } = useLanguage();
  const format = useFormat();
  if (!risks) return null;
  const items = risks.items.filter((item) => LANDLORD_RULES.has(item.rule));
  const facts = [
    ...(risks.prescribedCents > 0
      ? [{ key: 'prescribed', text: t.portfolio.prescribed(format.euros(risks.prescribedCents)), warn: true }]
      : []),
    ...(risks.prescribingCents > 0
      ? [{ key: 'prescribing', text: t.portfolio.prescribing(format.euros(risks.prescribingCents)), warn: false }]
      : []),
    ...(risks.gliClaimsAtRisk > 0 ? [{ key: 'gli', text: t.portfolio.gliAtRisk(risks.gliClaimsAtRisk), warn: true }] : []),
  ];
  if (facts.length === 0 && items.length === 0) return null;
  return (
    <section aria-labelledby="portfolio-alerts" className="panel legal-alerts">
      <h2 id="portfolio-alerts">{t.portfolio.alertsTitle}</h2>
      <p className="panel-intro">{t.portfolio.alertsIntro}</p>
      {facts.length > 0 && (
        <ul className="alert-facts">
          {facts.map((fact) => (
            <li key={fact.key} className={fact.warn ? 'fact-warning' : 'fact-notice'}>
              {fact.text}
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <ul className="alert-list" aria-label={t.portfolio.alertsCaption}>
          {items.map((item) => (
            <li key={`${item.debtId}:${item.key}`}>
              <Link to={`/debts/${item.debtId}`}>
                {item.rule === 'PRESCRIPTION'
                  ? t.portfolio.alertPrescription(format.euros(item.amountCents), item.leaseReference, format.date(item.dueOn))
                  : t.portfolio.alertGli(item.leaseReference, format.date(item.dueOn))}
              </Link>{' '}
              <span className={item.daysLeft < 0 ? 'alert-when fact-warning' : 'alert-when'}>
                ({item.daysLeft < 0 ? t.portfolio.overdueBy(-item.daysLeft) : t.portfolio.inDays(item.daysLeft)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
