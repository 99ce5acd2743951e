import { Link } from 'react-router-dom';
import { PageHeading } from '../components/page-heading';
import { useLanguage } from '../i18n/language';

/** An unknown address, or a record the API does not show this landlord: the same page, so ids reveal nothing. */
export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <div className="not-found" data-page="not-found">
      <PageHeading title={t.notFound.title}>{t.notFound.title}</PageHeading>
      <p>{t.notFound.text}</p>
      <p>
        <Link to="/">{t.notFound.home}</Link>
      </p>
    </div>
  );
}
