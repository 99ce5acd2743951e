import { ReactNode, useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/language';

let firstPage = true;

/**
 * The page's one `<h1>`. It names the browser tab, and after a navigation inside the app
 * takes the focus, so a screen reader announces the new page (the first page load leaves
 * focus where the browser puts it, before the skip link).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
  }, [title, t.app.name]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
