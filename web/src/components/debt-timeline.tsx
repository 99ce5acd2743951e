import type { TimelineEntry } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

/** "MESSAGE_SENT" → "Message sent": a kind the dictionary does not name, still readable. */
function humanize(kind: string): string {
  const words = kind.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What was done on the debt, oldest first: when, what kind, and the API's summary (which
 * says the channel, the letter, a call's outcome — never a call report's text).
 */
export function DebtTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useLanguage();
  const format = useFormat();
  const kindLabel = (kind: string) => {
    const action = kind.startsWith('ACTION_') ? t.action[kind.slice('ACTION_'.length)] : undefined;
    return t.event[kind] ?? action ?? t.action[kind] ?? humanize(kind);
  };
  return (
    <section aria-labelledby="debt-timeline" className="panel">
      <h2 id="debt-timeline">{t.debt.timeline}</h2>
      {entries.length === 0 ? (
        <p>{t.debt.emptyTimeline}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table timeline-table">
            <caption>{t.debt.timelineCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.debt.date}</th>
                <th scope="col">{t.debt.kind}</th>
                <th scope="col">{t.debt.detail}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t.debt.date}>
                    <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
                  </td>
                  <th scope="row" data-label={t.debt.kind}>
                    {kindLabel(entry.kind)}
                  </th>
                  <td data-label={t.debt.detail}>{entry.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
