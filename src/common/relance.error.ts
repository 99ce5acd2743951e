/**
 * The error codes clients see in `extensions.code` (Twenty's conventions, DESIGN §7).
 * `UNAVAILABLE` is a dependency (database, Temporal) that did not answer in time;
 * `RATE_LIMITED` a caller asking too often (HTTP 429, with Retry-After).
 */
export type RelanceErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

/**
 * The one error type services throw for anything a client should be told about. The
 * GraphQL layer turns it into `{ message, extensions: { code, field } }`, never a stack.
 *
 * @example
 * throw new RelanceError('BAD_USER_INPUT', 'message must be 1 to 200 characters', { field: 'input.message' });
 */
export class RelanceError extends Error {
  readonly field: string | undefined;

  constructor(
    readonly code: RelanceErrorCode,
    message: string,
    details: { field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'RelanceError';
    this.field = details.field;
  }
}
