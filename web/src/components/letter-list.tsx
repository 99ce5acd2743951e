import type { Letter } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';
import { DocumentLinks, Sha256 } from './document-links';

/** The letters sent on a debt, as PDFs to view or download, each with its SHA-256. */
export function LetterList({ letters }: { letters: Letter[] }) {
  const { t } = useLanguage();
  const format = useFormat();
  return (
    <section aria-labelledby="debt-letters" className="panel">
      <h2 id="debt-letters">{t.debt.letters}</h2>
      {letters.length === 0 ? (
        <p>{t.debt.noLetters}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table letter-table">
            <caption>{t.debt.lettersCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.debt.letter}</th>
                <th scope="col">{t.debt.date}</th>
                <th scope="col">{t.debt.sha256}</th>
                <th scope="col">{t.debt.actions}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.id}>
                  <th scope="row" data-label={t.debt.letter}>
                    {letter.title}
                  </th>
                  <td data-label={t.debt.date}>
                    <time dateTime={letter.createdAt}>{format.dateTime(letter.createdAt)}</time>
                  </td>
                  <td data-label={t.debt.sha256}>
                    <Sha256 hex={letter.sha256} />
                  </td>
                  <td data-label={t.debt.actions}>
                    <DocumentLinks id={letter.id} title={letter.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
