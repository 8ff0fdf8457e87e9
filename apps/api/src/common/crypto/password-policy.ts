import { AppError } from '../errors/app-error';
import { COMMON_PASSWORDS } from './common-passwords';

/**
 * Password policy (issue 14): at least 8 characters with letters and digits, not the phone (nor containing it),
 * not on the common-password list. Returns the reason in words a person can act on, or null.
 */
export function passwordProblem(password: string, phone?: string | null): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (phone && password.includes(phone)) return '密码不能包含手机号';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '密码过于常见，容易被猜中，请换一个';
  return null;
}

/** Throws 400 VALIDATION_FAILED naming `field` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, phone?: string | null, field = 'password'): void {
  const problem = passwordProblem(password, phone);
  if (problem) throw AppError.validation([{ field, message: problem }]);
}
