import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';

/** Deepest JSON nesting a request body may have; the API's own bodies are at most 3 deep. */
export const MAX_JSON_DEPTH = 32;
/** Largest JSON body; the biggest legitimate one (an activity with a long description) is a few kB. */
export const JSON_BODY_LIMIT = '1mb';

function answer(res: Response, statusCode: number, code: string, message: string, details?: Array<{ field: string; message: string }>) {
  res.locals.errorCode = code;
  res.status(statusCode).json({ statusCode, code, message, ...(details ? { details } : {}) });
}

/**
 * Nesting depth of a JSON text, counted without parsing it (one pass over the bytes, strings skipped), so a body
 * nested 50,000 deep is refused before `JSON.parse` (or a reviver) recurses into it. Returns as soon as `limit` is passed.
 */
export function jsonDepthExceeds(buf: Buffer, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly type = 'entity.too.deep';
  readonly expose = true;
  constructor() {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH}`);
  }
}

/**
 * The JSON body parser of every route (login and the public order form included): a size limit, and the nesting
 * check on the raw bytes in `verify`, which body-parser runs before `JSON.parse`.
 */
export function jsonBodyParser(): RequestHandler {
  const parse = express.json({
    limit: JSON_BODY_LIMIT,
    verify: (_req, _res, buf) => {
      if (jsonDepthExceeds(buf)) throw new JsonTooDeepError();
    },
  });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.deep') return answer(res, 400, 'JSON_TOO_DEEP', `请求内容的嵌套层级超过 ${MAX_JSON_DEPTH} 层`);
      if (e.type === 'entity.too.large') return answer(res, 413, 'PAYLOAD_TOO_LARGE', '请求内容太大（JSON 最多 1 MB）');
      if (e.type === 'entity.parse.failed') return answer(res, 400, 'BAD_REQUEST', '请求内容不是有效的 JSON');
      if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return answer(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '请求内容请使用 UTF-8 编码的 JSON');
      if (e.status && e.status >= 400 && e.status < 500) return answer(res, e.status, 'BAD_REQUEST', '请求内容无法读取');
      next(err);
    });
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A POST/PUT/PATCH that carries a body must say it is JSON (or a multipart upload): a text/plain or XML body used
 * to be ignored (200, nothing changed); now it is 415. Requests without a body (action endpoints) pass.
 */
export function contentTypeGuard(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!WITH_BODY.has(req.method)) return next();
    const length = req.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || type.endsWith('+json') || type === 'multipart/form-data') return next();
    answer(
      res,
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      type
        ? `不支持的请求内容类型 ${type.slice(0, 60)}，请以 application/json 提交（上传文件用 multipart/form-data）`
        : '请求缺少 Content-Type，请以 application/json 提交',
    );
  };
}

/**
 * A NUL byte (or a malformed percent escape) in the query string is a 400 naming the parameter — PostgreSQL cannot
 * store NUL in text and the driver used to turn it into a 500. Bodies are checked field by field in the validation pipe.
 */
export function queryStringGuard(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    if (/%00/.test(path)) return answer(res, 400, 'VALIDATION_FAILED', '请求路径中含有不允许的空字符（NUL）');
    if (q < 0) return next();
    for (const part of req.url.slice(q + 1).split('&')) {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      let name: string;
      let value: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        return answer(res, 400, 'VALIDATION_FAILED', `查询参数 ${rawName.slice(0, 40)} 的编码不正确`, [{ field: rawName.slice(0, 40), message: '编码不正确' }]);
      }
      if (name.includes('\0') || value.includes('\0')) {
        const field = name.replace(/\0/g, '').slice(0, 40) || '?';
        return answer(res, 400, 'VALIDATION_FAILED', `查询参数 ${field} 含有不允许的空字符（NUL）`, [{ field, message: `${field} 含有不允许的空字符（NUL）` }]);
      }
    }
    next();
  };
}
