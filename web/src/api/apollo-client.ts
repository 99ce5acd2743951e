import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { onError } from '@apollo/client/link/error';
import { CSRF_HEADER, csrfToken } from './csrf';

/** Where a visitor with no session, or an ended one, is sent. */
export const SIGN_IN_PATH = '/app/sign-in';

/**
 * The one GraphQL client of the extranet: the same `/graphql` integrators use, with the
 * session cookie (same origin) and its CSRF token on every request. An UNAUTHENTICATED
 * answer (no session, expired or revoked) goes to the sign-in page.
 */
export function createApolloClient(onUnauthenticated: () => void = () => window.location.assign(SIGN_IN_PATH)) {
  const csrf = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, [CSRF_HEADER]: csrfToken() },
    }));
    return forward(operation);
  });
  const unauthenticated = onError(({ graphQLErrors, networkError }) => {
    const status = (networkError as ServerError | undefined)?.statusCode;
    if (status === 401 || graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
  });
  return new ApolloClient({
    link: ApolloLink.from([unauthenticated, csrf, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
