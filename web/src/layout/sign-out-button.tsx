import { useState } from 'react';
import { SIGN_IN_PATH } from '../api/apollo-client';
import { signOut } from '../api/session';
import { useLanguage } from '../i18n/language';

/** Ends the session on the server, then a full load of the sign-in page (nothing cached stays). */
export function SignOutButton() {
  const { t } = useLanguage();
  const [busy, setBusy] = useState(false);
  const leave = async () => {
    setBusy(true);
    await signOut();
    window.location.assign(SIGN_IN_PATH);
  };
  return (
    <button type="button" className="button button-quiet" disabled={busy} onClick={() => void leave()}>
      {busy ? t.app.signingOut : t.app.signOut}
    </button>
  );
}
