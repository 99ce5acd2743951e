import type { NextAction } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/** What happens next and when: "Mise en demeure (LRAR), 12 mars 2026 à 09:00". */
export function NextActionText({ action }: { action: NextAction | null }) {
  const { t } = useLanguage();
  const format = useFormat();
  if (!action) return <>{t.debt.noNextAction}</>;
  const what = t.action[action.kind] ?? action.kind;
  return (
    <>
      {what}
      {', '}
      {action.at ? <time dateTime={action.at}>{format.dateTime(action.at)}</time> : t.debt.waitsOnPerson}
    </>
  );
}
