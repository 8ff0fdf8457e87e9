import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type Schema = Record<string, unknown>;
export interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export interface OpenApiDoc {
  paths: Record<string, Partial<Record<Method, OpenApiOperation>>>;
  components: { schemas: Record<string, Schema> };
}

/** OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a null alternative, refs point into one registered schema. */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === '$ref') out.$ref = String(v).replace('#/components/schemas/', 'openapi#/definitions/');
    else if (k === 'nullable' || k === 'example' || k === 'examples') continue;
    else if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, s]) => [p, toJsonSchema(s)]));
    else if (k === 'enum' || k === 'required') out[k] = v;
    else out[k] = toJsonSchema(v);
  }
  if ((node as { nullable?: boolean }).nullable) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** Validates answers against an OpenAPI document (ajv + ajv-formats). */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ re: RegExp; path: string }>;

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', definitions: toJsonSchema(doc.components.schemas) as object });
    // literal paths before templated ones (/sites/directory before /sites/{id})
    this.templates = Object.keys(doc.paths)
      .map((path) => ({ path, re: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`) }))
      .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  }

  validator(schema: Schema): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.validators.get(key);
    if (!v) this.validators.set(key, (v = this.ajv.compile(toJsonSchema(schema) as object)));
    return v;
  }

  /** The document's path template of a concrete URL path (`/api/v1/activities/…` → `/api/v1/activities/{id}`). */
  template(urlPath: string): string | undefined {
    return this.templates.find((t) => t.re.test(urlPath))?.path;
  }

  operation(method: string, template: string): OpenApiOperation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase() as Method];
  }

  /**
   * Problems of one answer: an undocumented status, an undocumented content type, a body that does not match the
   * documented schema, a body where none is documented. `body` is the parsed JSON (or undefined for files).
   */
  check(op: OpenApiOperation, status: number, contentTypeHeader: string | undefined, body: unknown, hasBody: boolean): string[] {
    const documented = op.responses[String(status)];
    if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    if (!documented.content) return hasBody ? ['documented without a body but answered one'] : [];
    const contentType = String(contentTypeHeader ?? '')
      .split(';')[0]
      .trim();
    const media = documented.content[contentType];
    if (!media) return [`content type "${contentType}" is not documented (${Object.keys(documented.content).join(', ')})`];
    if (contentType !== 'application/json') return hasBody ? [] : ['empty file'];
    const validate = this.validator(media.schema);
    if (validate(body)) return [];
    const errs = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
    return [`body does not match the documented schema:\n    ${errs.join('\n    ')}`];
  }
}

const sentBody = Symbol('answerChecker.sent');

/**
 * Fastify hooks: check each answer of a documented operation against the document; problems go to `into`. `onSend`
 * sees the payload before compression (global hooks run before the route's own), `onResponse` checks it once sent.
 */
export function registerAnswerChecker(fastify: FastifyInstance, validator: OpenApiValidator, into: string[]): void {
  fastify.addHook('onSend', (req, _reply, payload, done) => {
    (req as unknown as Record<symbol, unknown>)[sentBody] = payload;
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    done();
    const path = req.url.split('?')[0];
    const template = validator.template(path);
    const op = template ? validator.operation(req.method, template) : undefined;
    if (!op) return;
    if (reply.statusCode >= 500) return; // a 5xx fails the test that caused it
    const sent = (req as unknown as Record<symbol, unknown>)[sentBody];
    const contentType = String(reply.getHeader('content-type') ?? '');
    const isJson = contentType.startsWith('application/json');
    let body: unknown = sent;
    try {
      if (isJson && (typeof sent === 'string' || Buffer.isBuffer(sent))) body = JSON.parse(sent.toString());
    } catch {
      /* invalid JSON fails validation below */
    }
    const isText = typeof sent === 'string' || Buffer.isBuffer(sent);
    // streamed files have a body all the same
    const hasBody = isText ? String(sent).length > 0 : sent != null ? true : isJson ? false : contentType !== '';
    for (const p of validator.check(op, reply.statusCode, contentType, body, hasBody)) into.push(`${req.method} ${req.url} → ${reply.statusCode}: ${p}`);
  });
}
