import { NavLink } from 'react-router-dom';
import { useLanguage } from '../i18n/language';

/** The extranet's sections; the current one is marked for screen readers (aria-current) and by sight. */
export function MainNavigation() {
  const { t } = useLanguage();
  return (
    <nav aria-label={t.app.mainNavigation} className="main-navigation">
      <ul>
        <li>
          <NavLink to="/" end>
            {t.nav.portfolio}
          </NavLink>
        </li>
        <li>
          <NavLink to="/decisions">{t.nav.decisions}</NavLink>
        </li>
        <li>
          <NavLink to="/statements">{t.nav.statements}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
