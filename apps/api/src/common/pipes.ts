import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from './errors/app-error';

/** Path ids: a malformed id is a 400 that says which. */
export const UUID_PIPE = new ParseUUIDPipe({
  exceptionFactory: () => AppError.badRequest('INVALID_ID', '路径中的编号不是有效的 UUID'),
});
