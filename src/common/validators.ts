import { Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../domain/calendar-date';

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (value) => isIsoDate(value), defaultMessage: (a) => `${a?.property} must be a date as YYYY-MM-DD` },
    },
    options,
  );
}

/** An IANA time zone the runtime knows, e.g. Europe/Paris. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string') return false;
          try {
            new Intl.DateTimeFormat('en', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (a) => `${a?.property} must be an IANA time zone like Europe/Paris`,
      },
    },
    options,
  );
}

/** An international phone number in E.164 form, e.g. +33612345678. */
export const IsE164 = () => Matches(/^\+[1-9]\d{6,14}$/, { message: '$property must be an E.164 phone number like +33612345678' });

/** A billing period "YYYY-MM". */
export const IsPeriod = () => Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a period as YYYY-MM' });
