import { useLanguage } from '../i18n/language';

/** A debt's status in words, with a marker whose meaning never rests on colour alone. */
export function DebtStatusLabel({ status }: { status: string }) {
  const { t } = useLanguage();
  return <span className={`status status-${status.toLowerCase().replace(/_/g, '-')}`}>{t.status[status] ?? status}</span>;
}
