import { useLanguage } from '../i18n/language';

/** `GET /documents/<id>`: the PDF as it was sent, shown in the browser or downloaded. */
export function documentPath(id: string, inline = false): string {
  return `/documents/${encodeURIComponent(id)}${inline ? '?disposition=inline' : ''}`;
}

/** "View" (new tab) and "Download" for one PDF, each link named for the document. */
export function DocumentLinks({ id, title }: { id: string; title: string }) {
  const { t } = useLanguage();
  return (
    <span className="document-links">
      <a href={documentPath(id, true)} target="_blank" rel="noopener" aria-label={t.debt.viewLabel(title)}>
        {t.debt.view}
      </a>
      <a href={documentPath(id)} download aria-label={t.debt.downloadLabel(title)}>
        {t.debt.download}
      </a>
    </span>
  );
}

/** A SHA-256 in hex, breakable on a phone, whole for copying. */
export function Sha256({ hex }: { hex: string }) {
  return <code className="sha256">{hex}</code>;
}
