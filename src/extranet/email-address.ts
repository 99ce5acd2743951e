import { isEmail } from 'class-validator';
import { RelanceError } from '../common/relance.error';

/** An e-mail address as sign-in takes it (trimmed, at most 254 characters), or BAD_USER_INPUT on `field`. */
export function emailAddressOf(value: unknown, field = 'email'): string {
  const address = typeof value === 'string' ? value.trim() : '';
  if (address.length > 254 || !isEmail(address)) throw new RelanceError('BAD_USER_INPUT', `${field} must be an email address`, { field });
  return address;
}
