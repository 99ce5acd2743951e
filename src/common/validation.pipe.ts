import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { RelanceError } from './relance.error';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

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
 * Validates every decorated input class with class-validator before a resolver runs
 * (graphql-js has already refused unknown fields). The error names the argument path
 * (`input.message`) so a client can point at the field.
 */
@Injectable()
export class RelanceValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.includes(type) || value === null || value === undefined) return value;
    if (typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance);
    const violation = firstViolation(errors, metadata.data ?? '');
    if (violation) {
      throw new RelanceError('BAD_USER_INPUT', `${violation.field}: ${violation.message}`, {
        field: violation.field,
      });
    }
    return instance;
  }
}
