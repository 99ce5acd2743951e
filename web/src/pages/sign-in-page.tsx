import { FormEvent, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { requestSignInLink, SignInLinkAnswer } from '../api/session';
import { PageHeading } from '../components/page-heading';
import { useLanguage } from '../i18n/language';

type State = { kind: 'idle' } | { kind: 'sending' } | SignInLinkAnswer | { kind: 'missing' };

/**
 * `/app/sign-in`: asks for a sign-in link by e-mail. The answer never says whether the
 * address is known; `?error=invalid-link` (a used or expired link) is said first.
 */
export function SignInPage() {
  const { t } = useLanguage();
  const [params] = useSearchParams();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();
  const invalidLink = params.get('error') === 'invalid-link';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      setState({ kind: 'missing' });
      input.current?.focus();
      return;
    }
    setState({ kind: 'sending' });
    setState(await requestSignInLink(email));
  };

  const fieldError =
    state.kind === 'missing' || state.kind === 'invalid'
      ? t.signIn.invalidEmail
      : state.kind === 'rate-limited'
        ? t.signIn.rateLimited(Math.max(1, Math.ceil(state.retryAfterSeconds / 60)))
        : state.kind === 'failed'
          ? t.signIn.failed
          : undefined;

  return (
    <div className="sign-in" data-page="sign-in">
      <PageHeading title={t.signIn.title}>{t.signIn.title}</PageHeading>
      {invalidLink && state.kind !== 'sent' && (
        <div className="alert alert-error" role="alert">
          <p>{t.signIn.invalidLink}</p>
        </div>
      )}
      {state.kind === 'sent' ? (
        <div className="alert alert-success" role="status">
          <p>{t.signIn.sent}</p>
        </div>
      ) : (
        <form className="panel sign-in-form" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t.signIn.intro}</p>
          <div className="field">
            <label htmlFor="email">{t.signIn.email}</label>
            <p id={hintId} className="hint">
              {t.signIn.emailHint}
            </p>
            <input
              ref={input}
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
              aria-invalid={state.kind === 'missing' || state.kind === 'invalid' ? true : undefined}
            />
            {fieldError && (
              <p id={errorId} className="field-error" role="alert">
                {fieldError}
              </p>
            )}
          </div>
          <button type="submit" className="button" disabled={state.kind === 'sending'}>
            {state.kind === 'sending' ? t.signIn.sending : t.signIn.submit}
          </button>
        </form>
      )}
    </div>
  );
}
