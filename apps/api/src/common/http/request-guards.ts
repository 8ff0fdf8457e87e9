import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { markErrorCode } from '../observability/access-log';

/** Deepest JSON nesting a request body may have; the API's own bodies are at most 3 deep. */
export const MAX_JSON_DEPTH = 32;
/** Largest JSON body; the biggest legitimate one (an activity with a long description) is a few kB. */
export const JSON_BODY_LIMIT = 1024 * 1024;

function answer(reply: FastifyReply, statusCode: number, code: string, message: string, details?: Array<{ field: string; message: string }>) {
  markErrorCode(reply, code);
  return reply
    .status(statusCode)
    .type('application/json; charset=utf-8')
    .send({ statusCode, code, message, ...(details ? { details } : {}) });
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

/** An error of the JSON body parser: answered in the API's shape by the exception filter. */
export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON types the API reads: application/json and any `+json` type (Fastify matches the whole header, parameters too). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

/**
 * The JSON body parser of every route (login and the public order form included): a size limit, and the nesting
 * check on the raw bytes before `JSON.parse`. An empty body is no body (action endpoints sent with a JSON type).
 */
export function registerJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (req, body, done) => {
    const charset = /charset=([^;\s]+)/i
      .exec(String(req.headers['content-type'] ?? ''))?.[1]
      ?.replace(/"/g, '')
      .toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') return done(new BodyError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求内容请使用 UTF-8 编码的 JSON'));
    const buf = body as Buffer;
    const first = buf.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
    if (first === undefined) return done(null, undefined);
    // an object or an array, as body-parser's strict mode: a bare "text" or 42 is not a request body of this API
    if (first !== 0x7b && first !== 0x5b) return done(new BodyError(400, 'BAD_REQUEST', '请求内容不是有效的 JSON'));
    if (jsonDepthExceeds(buf)) return done(new BodyError(400, 'JSON_TOO_DEEP', `请求内容的嵌套层级超过 ${MAX_JSON_DEPTH} 层`));
    try {
      done(null, JSON.parse(buf.toString('utf8')));
    } catch {
      done(new BodyError(400, 'BAD_REQUEST', '请求内容不是有效的 JSON'));
    }
  });
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A POST/PUT/PATCH that carries a body must say it is JSON (or a multipart upload): a text/plain or XML body used
 * to be ignored (200, nothing changed); now it is 415. Requests without a body (action endpoints) pass.
 */
export function contentTypeRefusal(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (!WITH_BODY.has(req.method)) return;
  const length = req.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_TYPE.test(type) || type === 'multipart/form-data') return;
  return answer(
    reply,
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    type
      ? `不支持的请求内容类型 ${type.slice(0, 60)}，请以 application/json 提交（上传文件用 multipart/form-data）`
      : '请求缺少 Content-Type，请以 application/json 提交',
  );
}

/**
 * A NUL byte (or a malformed percent escape) in the query string is a 400 naming the parameter — PostgreSQL cannot
 * store NUL in text and the driver used to turn it into a 500. Bodies are checked field by field in the validation pipe.
 */
export function queryStringRefusal(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const url = req.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (/%00/.test(path)) return answer(reply, 400, 'VALIDATION_FAILED', '请求路径中含有不允许的空字符（NUL）');
  if (q < 0) return;
  for (const part of url.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return answer(reply, 400, 'VALIDATION_FAILED', `查询参数 ${rawName.slice(0, 40)} 的编码不正确`, [{ field: rawName.slice(0, 40), message: '编码不正确' }]);
    }
    if (name.includes('\0') || value.includes('\0')) {
      const field = name.replace(/\0/g, '').slice(0, 40) || '?';
      return answer(reply, 400, 'VALIDATION_FAILED', `查询参数 ${field} 含有不允许的空字符（NUL）`, [{ field, message: `${field} 含有不允许的空字符（NUL）` }]);
    }
  }
}

/** The two refusals above, before routing's body parsing, for every request. */
export function registerRequestGuards(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    if (queryStringRefusal(req, reply) || contentTypeRefusal(req, reply)) return;
    done();
  });
}
