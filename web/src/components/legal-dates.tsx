import type { DebtLegalDates } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/**
 * The dates law and the GLI contract set on a debt that concern its landlord (the debt's
 * `legalCalendar`; docs/compliance.md): the winter truce, the commandement's delay, the
 * earliest assignation and the CCAPEX referral before it, the insurer's deadline, and the
 * sums close to prescription. The agents' deadlines themselves stay in their task list.
 */
export function LegalDates({ dates }: { dates: DebtLegalDates | null | undefined }) {
  const { t } = useLanguage();
  const format = useFormat();
  if (!dates) return null;
  const { winterTruce, commandement, assignation, gli, prescription } = dates;
  const delay = t.debt.delays[commandement.delay] ?? commandement.delay;
  const waiting = [
    ...(commandement.servedOn ? [] : [t.debt.waitCommandement]),
    ...(assignation.ccapexRequired && !assignation.ccapexReferredOn ? [t.debt.waitCcapex] : []),
  ];
  return (
    <section aria-labelledby="debt-legal" className="panel">
      <h2 id="debt-legal">{t.debt.legal}</h2>
      <p className="panel-intro">{t.debt.legalIntro}</p>
      <dl className="facts legal-dates">
        <div>
          <dt>{t.debt.winterTruce}</dt>
          <dd className={winterTruce.active ? 'fact-notice' : undefined}>
            {winterTruce.active
              ? t.debt.winterTruceActive(format.date(winterTruce.endsOn))
              : t.debt.winterTruceNext(format.date(winterTruce.startsOn), format.date(winterTruce.endsOn))}
          </dd>
        </div>
        <div>
          <dt>{t.debt.commandement}</dt>
          <dd>
            {commandement.servedOn && commandement.expiresOn
              ? t.debt.commandementServed(format.date(commandement.servedOn), delay, format.date(commandement.expiresOn))
              : t.debt.commandementNotServed(delay)}
          </dd>
        </div>
        <div>
          <dt>{t.debt.assignation}</dt>
          <dd>
            {assignation.earliestOn
              ? t.debt.assignationFrom(format.date(assignation.earliestOn))
              : t.debt.assignationWaiting(waiting.join(', '))}
          </dd>
        </div>
        {assignation.ccapexRequired && (
          <div>
            <dt>{t.debt.ccapex}</dt>
            <dd>{assignation.ccapexReferredOn ? t.debt.ccapexDone(format.date(assignation.ccapexReferredOn)) : t.debt.ccapexToDo}</dd>
          </div>
        )}
        {gli && (
          <div>
            <dt>{t.debt.gli}</dt>
            <dd className={!gli.feasible && !gli.filedOn ? 'fact-warning' : undefined}>
              {gli.filedOn
                ? t.debt.gliFiled(gli.insurer, format.date(gli.filedOn))
                : gli.feasible
                  ? t.debt.gliDue(gli.insurer, format.date(gli.claimBy))
                  : t.debt.gliLate(gli.insurer, format.date(gli.claimBy))}
            </dd>
          </div>
        )}
      </dl>
      {prescription.length > 0 && (
        <div className="table-scroll">
          <table className="data-table prescription-table">
            <caption>{t.debt.prescriptionCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.debt.period}</th>
                <th scope="col">{t.debt.prescribesOn}</th>
                <th scope="col">{t.debt.outstanding}</th>
              </tr>
            </thead>
            <tbody>
              {prescription.map((line) => (
                <tr key={`${line.period}:${line.prescribesOn}`}>
                  <th scope="row" data-label={t.debt.period}>
                    {line.period}
                  </th>
                  <td data-label={t.debt.prescribesOn}>{format.date(line.prescribesOn)}</td>
                  <td data-label={t.debt.outstanding}>{format.euros(line.outstandingCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
