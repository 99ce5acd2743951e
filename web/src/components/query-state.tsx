import type { ApolloError, ServerError } from '@apollo/client';
import type { ReactNode } from 'react';
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

/** A list's query as the list needs it. */
interface ListQuery {
  error?: ApolloError;
  loading: boolean;
  data?: unknown;
  refetch: () => unknown;
}

/** What a list shows until it has rows: loading, a failed load with a retry, or the words for none; then the list. */
export function ListState({ query, count, none, children }: { query: ListQuery; count: number; none: string; children: ReactNode }) {
  if (query.error) return <LoadError onRetry={() => void query.refetch()} />;
  if (query.loading && !query.data) return <Loading />;
  if (count === 0) return <p className="panel">{none}</p>;
  return <>{children}</>;
}
