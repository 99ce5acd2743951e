import type { ApolloError, ServerError } from '@apollo/client';
import { useLanguage } from '../i18n/language';

interface AnsweredError {
  message: string;
  extensions?: { code?: unknown; field?: unknown };
}

/** The GraphQL errors of a failed request: in the answer (HTTP 200), or in the body of a 400 (a query the schema refuses). */
function errorsOf(error: ApolloError | undefined): AnsweredError[] {
  if (!error) return [];
  const refused = (error.networkError as ServerError | null)?.result;
  const inBody = refused && typeof refused === 'object' && Array.isArray(refused.errors) ? (refused.errors as AnsweredError[]) : [];
  return [...error.graphQLErrors, ...inBody];
}

/** Whether the API answered that the record does not exist for this caller (another landlord's included). */
export function isNotFound(error: ApolloError | undefined): boolean {
  return errorsOf(error).some(
    (e) => e.extensions?.code === 'NOT_FOUND' || (e.extensions?.code === 'BAD_USER_INPUT' && e.extensions?.field === 'id'),
  );
}

/** Whether the server's schema lacks a query the page asks for (a feature not deployed yet). */
export function isUnknownField(error: ApolloError | undefined): boolean {
  return errorsOf(error).some((e) => /Cannot query field|Unknown (argument|type)/.test(e.message));
}

/** Announced to screen readers without moving focus. */
export function Loading() {
  const { t } = useLanguage();
  return (
    <p className="status-message" role="status">
      {t.app.loading}
    </p>
  );
}

/** A failed load, with a way to try again. */
export function LoadError({ onRetry }: { onRetry?: () => void }) {
  const { t } = useLanguage();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t.app.error}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t.app.retry}
        </button>
      )}
    </div>
  );
}
