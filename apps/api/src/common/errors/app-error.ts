import { ERROR_CODES } from '@wenming/shared';

export type FieldError = { field: string; message: string };

/** A rule broken by the request. The filter maps `status` and `code` into the response body. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly details?: FieldError[],
    /** Extra top-level fields of the error body (e.g. the rows of a failed import). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? (ERROR_CODES as Record<string, string>)[code] ?? code);
  }

  static badRequest(code: string, message?: string, details?: FieldError[]) {
    return new AppError(400, code, message, details);
  }
  static validation(details: FieldError[], message?: string) {
    return new AppError(400, 'VALIDATION_FAILED', message ?? details.map((d) => d.message).join('；'), details);
  }
  static unauthenticated(message?: string) {
    return new AppError(401, 'UNAUTHENTICATED', message);
  }
  static forbidden(message?: string, code = 'FORBIDDEN') {
    return new AppError(403, code, message);
  }
  static outOfScope(message?: string) {
    return new AppError(403, 'OUT_OF_SCOPE', message);
  }
  static notFound(what: string) {
    return new AppError(404, 'NOT_FOUND', `${what}不存在`);
  }
  static conflict(code: string, message?: string) {
    return new AppError(409, code, message);
  }
}

/** PostgreSQL unique violation → the rule's own error. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const c = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (!constraint || c === constraint);
}
