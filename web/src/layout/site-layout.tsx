import { Outlet } from 'react-router-dom';
import { useLanguage } from '../i18n/language';
import { LandlordName } from './landlord-name';
import { LanguageSwitch } from './language-switch';
import { MainNavigation } from './main-navigation';
import { SignOutButton } from './sign-out-button';
import { SkipLink } from './skip-link';

/** The signed-in pages: skip link, header (who, sections, language, sign-out), the page. */
export function SignedInLayout() {
  const { t } = useLanguage();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-top">
          <p className="app-name">{t.app.name}</p>
          <LandlordName />
          <div className="header-actions">
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
        <MainNavigation />
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
    </>
  );
}

/** The sign-in page: the app's name and the language switch, nothing that needs a session. */
export function PublicLayout() {
  const { t } = useLanguage();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-top">
          <p className="app-name">{t.app.name}</p>
          <div className="header-actions">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main site-main-narrow">
        <Outlet />
      </main>
    </>
  );
}
