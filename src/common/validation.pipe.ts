import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { RelanceError } from './relance.error';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];
/** GqlParamtype.ARGS of @nestjs/graphql (not exported): the only GraphQL parameter that is client input. */
const GRAPHQL_ARGS = 3;
const HTTP_INPUTS: unknown[] = ['body', 'query', 'param'];

function firstViolation(errors: ValidationError[], prefix: string): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints && Object.values(error.constraints)[0];
    if (message) return { field, message };
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Validates one input object against its class's decorators; throws BAD_USER_INPUT naming
 * the first bad field under `path`. Used by the pipe, and for lists, which the pipe cannot
 * see into.
 */
export async function validateInput<T extends object>(type: new () => T, value: unknown, path: string): Promise<T> {
  const instance = plainToInstance(type, value) as T;
  const violation = firstViolation(await validate(instance), path);
  if (violation) {
    throw new RelanceError('BAD_USER_INPUT', `${violation.field}: ${violation.message}`, { field: violation.field });
  }
  return instance;
}

/**
 * Validates every decorated input class with class-validator before a resolver runs
 * (graphql-js has already refused unknown fields). The error names the argument path
 * (`input.message`) so a client can point at the field.
 */
@Injectable()
export class RelanceValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    // Client input only: not the parent object of a field resolver, nor the actor.
    const isInput = HTTP_INPUTS.includes(metadata.type) || (metadata.type as unknown) === GRAPHQL_ARGS;
    if (!isInput || !type || PRIMITIVES.includes(type) || value === null || value === undefined) return value;
    if (typeof value !== 'object') return value;
    return validateInput(type as new () => object, value, metadata.data ?? '');
  }
}
