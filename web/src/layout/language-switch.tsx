import { useLanguage } from '../i18n/language';

/** One button to the other language, named in that language. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useLanguage();
  const other = language === 'fr' ? 'en' : 'fr';
  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      lang={other}
      aria-label={t.app.otherLanguageLabel}
      onClick={() => setLanguage(other)}
    >
      {t.app.otherLanguage}
    </button>
  );
}
