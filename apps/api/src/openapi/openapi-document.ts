import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PAGE_SIZE_MAX } from '@wenming/shared';
import { IS_PUBLIC } from '../common/auth/decorators';
import { API_ERROR_BODIES, API_ERRORS, type ErrorBodies, type ErrorStatus, schemaRef } from './api-answer';
import { SCHEMAS, type SchemaName } from './schemas.generated';

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: '输入有误（code VALIDATION_FAILED 时 details 按字段列出原因）',
  401: '未登录或登录已失效（UNAUTHENTICATED）',
  403: '没有权限或超出管理范围（FORBIDDEN / OUT_OF_SCOPE；公开接口：仅管理员可用的查询条件）',
  404: '记录不存在（NOT_FOUND；也用于查询条件里不存在的乡镇、阵地、队伍）',
  409: '与当前状态或已有数据冲突（code 说明原因，如 ACTIVITY_FULL、PHONE_TAKEN）',
  413: '内容太大（PAYLOAD_TOO_LARGE：JSON 请求体超过 1 MB，或导入文件的大小、行数、解压后大小超过上限）',
  415: '不支持的请求内容类型（UNSUPPORTED_MEDIA_TYPE：请以 UTF-8 的 application/json 提交，上传文件用 multipart/form-data）',
  429: '操作太频繁，请稍后再试（TOO_MANY_REQUESTS / TOO_MANY_ATTEMPTS）',
};

/** Query parameters that name a record: an unknown one answers 404. */
const FILTER_IDS = new Set(['siteId', 'teamId', 'townId', 'parentId']);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

interface HandlerFacts {
  isPublic: boolean;
  throttled: boolean;
  errors: ErrorStatus[];
  errorBodies: ErrorBodies;
}

/** operationId (`Controller_method`, the @nestjs/swagger default) → what the handler's metadata says. */
function handlerFacts(app: INestApplication): Map<string, HandlerFacts> {
  const reflector = new Reflector();
  const out = new Map<string, HandlerFacts>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!cls?.prototype) continue;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        out.set(`${cls.name}_${key}`, {
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]) === true,
          throttled: Reflect.getMetadataKeys(handler).some((k) => String(k).startsWith('THROTTLER:LIMIT')),
          errors: reflector.get<ErrorStatus[] | undefined>(API_ERRORS, handler) ?? [],
          errorBodies: reflector.get<ErrorBodies | undefined>(API_ERROR_BODIES, handler) ?? {},
        });
      }
    }
  }
  return out;
}

function pageSchema(name: string): SchemaObject {
  return {
    type: 'object',
    description: `分页列表：${name}`,
    properties: {
      items: { type: 'array', items: schemaRef(name) },
      total: { type: 'number', description: '符合条件的总条数' },
      page: { type: 'number' },
      pageSize: { type: 'number' },
    },
    required: ['items', 'total', 'page', 'pageSize'],
    additionalProperties: false,
  };
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/components/schemas/', ''));
      else collectRefs(v, into);
    }
  }
}

/**
 * The OpenAPI document of the app: @nestjs/swagger's scan (request DTOs, routes, @ApiAnswer responses) plus
 * - components.schemas: the response schemas generated from packages/shared (schemas.generated.ts) and the
 *   `<Name>Page` wrappers that @ApiAnswer(…, { page: true }) refers to;
 * - on every operation, the error answers (ApiErrorBody) it can give: 400 when it takes input, 401 and 403 unless
 *   it is @Public(), 404 when its path has an id or token or a query filter names a site, team or town, 429 when
 *   it is throttled, 413 and 415 on every POST/PUT/PATCH (a body over the JSON limit, or not JSON), plus the handler's own
 *   `errors` (409 …).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wenming 文明实践志愿服务平台 API')
      .setDescription(
        [
          'Base path /api/v1. Every answer is described here; the schemas are generated from packages/shared.',
          'Errors: ApiErrorBody {statusCode, code, message, details?[{field, message}]}.',
          `Lists: ?page&pageSize (max ${PAGE_SIZE_MAX}) → {items, total, page, pageSize}.`,
        ].join(' '),
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  const schemas = (doc.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    if (schemas[name]) throw new Error(`OpenAPI: schema ${name} is both a DTO class and a shared response type; rename the DTO class`);
    schemas[name] = schema;
  }
  const facts = handlerFacts(app);
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, OperationObject | undefined>)[method];
      if (!op) continue;
      const f = op.operationId ? facts.get(op.operationId) : undefined;
      if (!f) {
        missing.push(`${method.toUpperCase()} ${path}`);
        continue;
      }
      const errors = new Set<ErrorStatus>(f.errors);
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) errors.add(400);
      if (!f.isPublic) errors.add(401).add(403);
      if (path.includes('{')) errors.add(404);
      // a list filter naming a site, team or town that does not exist is 404 too (ScopeService.assert*Filter)
      if (op.parameters?.some((p) => 'in' in p && p.in === 'query' && FILTER_IDS.has(p.name))) errors.add(404);
      if (f.throttled) errors.add(429);
      // any body a POST/PUT/PATCH carries is read under the JSON limit and content-type rule (request-guards.ts)
      if (method === 'post' || method === 'put' || method === 'patch') errors.add(413).add(415);
      // @nestjs/swagger adds an empty default 2xx next to the documented one; drop answers without a description of their body
      const responses = op.responses as Record<string, ResponseObject>;
      for (const [status, r] of Object.entries(responses)) {
        if (/^2\d\d$/.test(status) && status !== '204' && !r.content) delete responses[status];
      }
      for (const status of Object.keys(f.errorBodies)) errors.add(Number(status) as ErrorStatus);
      for (const status of [...errors].sort()) {
        const bodies = f.errorBodies[status] ?? ['ApiErrorBody' satisfies SchemaName];
        responses[String(status)] ??= {
          description: ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: bodies.length === 1 ? schemaRef(bodies[0]) : { oneOf: bodies.map(schemaRef) } } },
        };
      }
      if (f.isPublic) op.security = [];
    }
  }
  if (missing.length) throw new Error(`OpenAPI: no handler found for ${missing.join(', ')}`);
  // Paginated<T> wrappers referred to by @ApiAnswer(…, { page: true })
  const refs = new Set<string>();
  collectRefs(doc.paths, refs);
  for (const ref of refs) {
    const m = /^(.+)Page$/.exec(ref);
    if (m && !schemas[ref] && m[1] in SCHEMAS) schemas[ref] = pageSchema(m[1]);
  }
  doc.components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return doc;
}
