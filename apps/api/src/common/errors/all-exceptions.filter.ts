import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ThrottlerException } from '@nestjs/throttler';
import { ERROR_CODES } from '@wenming/shared';
import { AppError } from './app-error';
import { DB_RETRY_AFTER_SECONDS, isDatabaseUnavailable, type DbHealth } from '../observability/db-health';
import { markErrorCode, pathOf } from '../observability/access-log';
import { BodyError, JSON_BODY_LIMIT } from '../http/request-guards';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的地址或记录不存在',
  409: '操作与当前状态冲突',
  413: '上传的文件太大',
  415: '不支持的文件类型',
  429: ERROR_CODES.TOO_MANY_REQUESTS,
};

/** One shape for every error: {statusCode, code, message, details?}. Unknown errors: logged, generic 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly ops: { dbHealth?: DbHealth } = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception, req);
    markErrorCode(reply, body.code); // counted by the access log (wenming_http_errors_total)
    if (reply.sent || reply.raw.headersSent) {
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    if (body.statusCode === 503) reply.header('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, req: FastifyRequest | undefined) {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        ...(exception.extra ?? {}),
      };
    }
    if (exception instanceof BodyError) {
      return { statusCode: exception.statusCode, code: exception.code, message: exception.message };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'TOO_MANY_REQUESTS', message: ERROR_CODES.TOO_MANY_REQUESTS };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const resp = exception.getResponse() as { message?: unknown } | string;
      let message = STATUS_MESSAGES[status] ?? '请求失败';
      if (status === 400 && typeof resp === 'object' && typeof resp.message === 'string') {
        // body-parser / multer style errors: keep generic Chinese text, but say what was malformed
        if (/JSON/i.test(resp.message)) message = '请求内容不是有效的 JSON';
      }
      const cause = (exception as { cause?: { code?: string } }).cause;
      if (status === 413 && cause?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') message = `请求内容太大（JSON 最多 ${JSON_BODY_LIMIT / 1024 / 1024} MB）`;
      if (status === 404 && req?.method && req?.url) message = `接口 ${req.method} ${pathOf(req.url)} 不存在`;
      return { statusCode: status, code: STATUS_CODES[status] ?? `HTTP_${status}`, message };
    }
    if (isDatabaseUnavailable(exception)) {
      // one log line per outage (DbHealth), not a stack per request
      this.ops.dbHealth?.markDown(exception);
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'DB_UNAVAILABLE', message: ERROR_CODES.DB_UNAVAILABLE };
    }
    this.logger.error(`Unhandled error on ${req?.method} ${req?.url} [req ${req?.id ?? '-'}]`, (exception as Error)?.stack ?? String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: ERROR_CODES.INTERNAL };
  }
}
