import { useQuery } from '@apollo/client';
import { ExtranetScenarioStepsDocument } from '../api/generated';
import type { DebtFile, ScenarioStep } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

const CLOSED = new Set(['RESOLVED', 'CANCELLED', 'WRITTEN_OFF', 'ESCALATED']);

/** `<key>@<version>` → the scenario's key. */
function scenarioKeyOf(label: string): string {
  return label.slice(0, label.lastIndexOf('@'));
}

/** The steps of the debt's scenario version after its current step, with their planned day. */
export function upcomingSteps(steps: ScenarioStep[], currentStep: string | null): ScenarioStep[] {
  const done = currentStep ? steps.findIndex((s) => s.key === currentStep) : -1;
  return steps.slice(done + 1);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * What the debt's scenario still has ahead, read from its pinned version: each step on
 * the day it falls after the oldest unpaid due date, if nothing changes meanwhile.
 */
export function UpcomingSteps({ debt }: { debt: DebtFile }) {
  const { t } = useLanguage();
  const format = useFormat();
  const label = debt.scenarioVersion;
  const scenario = useQuery(ExtranetScenarioStepsDocument, {
    variables: { key: label ? scenarioKeyOf(label) : '' },
    skip: !label || CLOSED.has(debt.status),
  });
  if (!label || CLOSED.has(debt.status)) return null;
  const version = scenario.data?.scenario.versions.find((v) => v.label === label);
  if (!version) return null;
  const ahead = upcomingSteps(version.definition.steps, debt.currentStep);
  return (
    <section aria-labelledby="debt-upcoming" className="panel">
      <h2 id="debt-upcoming">{t.debt.upcoming}</h2>
      {ahead.length === 0 ? (
        <p>{t.debt.noUpcoming}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table upcoming-table">
            <caption>{t.debt.upcomingCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.debt.step}</th>
                <th scope="col">{t.debt.plannedOn}</th>
                <th scope="col">{t.debt.needsYou}</th>
              </tr>
            </thead>
            <tbody>
              {ahead.map((step) => (
                <tr key={step.key}>
                  <th scope="row" data-label={t.debt.step}>
                    {t.action[step.action] ?? step.action}
                  </th>
                  <td data-label={t.debt.plannedOn}>
                    {debt.oldestUnpaidDueDate ? format.date(addDays(debt.oldestUnpaidDueDate, step.dayOffset)) : `J+${step.dayOffset}`}
                  </td>
                  <td data-label={t.debt.needsYou}>{step.requiresLandlordApproval ? t.debt.yes : t.debt.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
