import { useLanguage } from '../i18n/language';

/** The first thing a keyboard reaches: straight to the page's content. */
export function SkipLink() {
  const { t } = useLanguage();
  return (
    <a className="skip-link" href="#main">
      {t.app.skipToContent}
    </a>
  );
}
