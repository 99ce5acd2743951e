import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { RelanceError } from '../src/common/relance.error';

const logger = new Logger('GraphQL');

/** Codes that graphql-js and Apollo raise themselves before a resolver runs; passed on as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Shapes every GraphQL error the client sees: a message and `extensions.code` (plus
 * `field` for bad input), never a stack trace. Unexpected errors are logged here and
 * reach the client as a bare INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof RelanceError) {
    if (original.code === 'UNAVAILABLE' || original.code === 'INTERNAL_SERVER_ERROR') {
      logger.warn(`${original.message}${original.cause ? `: ${String(original.cause)}` : ''}`);
    }
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  // Errors of the request itself (parse, validation, variable coercion) carry no foreign cause.
  const code = formatted.extensions?.code;
  const fromGraphql = original === undefined || original instanceof GraphQLError;
  if (fromGraphql && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
