import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError, Kind, parse, visit } from 'graphql';
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
      logger.warn(
        { code: original.code, path: formatted.path, cause: original.cause === undefined ? undefined : String(original.cause) },
        original.message,
      );
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
    const field = code === 'BAD_USER_INPUT' && error instanceof GraphQLError ? variableErrorField(error) : undefined;
    return { ...base, extensions: { code, ...(field ? { field } : {}) } };
  }
  logger.error({ err: original, path: formatted.path }, 'Unexpected error in a GraphQL operation');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** graphql-js: `Variable "$d" got invalid value "X" at "d[0].method"; Value "X" does not exist in "PaymentMethod" enum.` */
const INVALID_VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;
const AT_PATH = (name: string) => new RegExp(` at "${name}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"; `);

/**
 * The field path of a variable GraphQL refused (a value outside an enum, a missing field),
 * named from the argument the variable is passed to, as resolvers name theirs: `$d` given
 * as `data` with a bad `[0].method` is `data[0].method`. Undefined when the variable is not
 * passed straight to exactly one argument.
 */
function variableErrorField(error: GraphQLError): string | undefined {
  const name = INVALID_VARIABLE.exec(error.message)?.[1];
  const body = error.source?.body;
  if (!name || !body) return undefined;
  const rest = AT_PATH(name).exec(error.message)?.[1] ?? '';
  const args: string[] = [];
  try {
    visit(parse(body), {
      Argument(node) {
        if (node.value.kind === Kind.VARIABLE && node.value.name.value === name) args.push(node.name.value);
      },
    });
  } catch {
    return undefined;
  }
  return args.length === 1 ? `${args[0]}${rest}` : undefined;
}
