#!/usr/bin/env node
/**
 * Response schemas of the OpenAPI document, generated from the one source of truth: the response types in
 * packages/shared/src (types.ts, errors.ts and the enums they use).
 *
 *   node scripts/openapi-schemas.cjs          writes src/openapi/schemas.generated.ts
 *   node scripts/openapi-schemas.cjs --check  exits 1 when the committed file is stale
 *
 * (pnpm --filter @wenming/api openapi:schemas). src/openapi/schemas.spec.ts fails when the committed file differs
 * from what this script generates, so a change in packages/shared that is not regenerated fails CI.
 *
 * ts-json-schema-generator writes JSON Schema (draft 7); the document is OpenAPI 3.0, so this script rewrites
 * `type: [T, 'null']` to `type: T, nullable: true`, `anyOf: [X, {type: null}]` to `nullable` (a $ref goes into
 * `allOf`), `const` to a one-value `enum` and `#/definitions/` to `#/components/schemas/`.
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { resolve, relative } = require('node:path');

const API_DIR = resolve(__dirname, '..');
const SHARED_SRC = resolve(API_DIR, '../../packages/shared/src');
const OUT_FILE = resolve(API_DIR, 'src/openapi/schemas.generated.ts');

/** Request and query types are documented by the API's DTO classes (with their validation); not generated here. */
const isRequestType = (name) => /(Request|Query)$/.test(name);

function jsonSchemas() {
  const { createGenerator } = require('ts-json-schema-generator');
  const generator = createGenerator({
    path: resolve(SHARED_SRC, '{types,errors}.ts'),
    tsconfig: resolve(SHARED_SRC, '../tsconfig.json'),
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    additionalProperties: false,
    skipTypeCheck: true, // packages/shared is type-checked by its own build; the generator bundles TypeScript 5
  });
  return generator.createSchema('*').definitions;
}

function refName(ref) {
  const m = /^#\/definitions\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unexpected $ref ${ref}`);
  return decodeURIComponent(m[1]);
}

const isNullType = (s) => s && typeof s === 'object' && s.type === 'null' && Object.keys(s).length === 1;

/** JSON Schema (draft 7, as generated) → OpenAPI 3.0 schema object. */
function toOpenApi(schema) {
  if (Array.isArray(schema)) return schema.map(toOpenApi);
  if (!schema || typeof schema !== 'object') return schema;
  // anyOf: [X, {type: 'null'}] → X + nullable (a $ref cannot take siblings in 3.0: it goes into allOf)
  for (const key of ['anyOf', 'oneOf']) {
    if (!Array.isArray(schema[key]) || !schema[key].some(isNullType)) continue;
    const { [key]: members, ...rest } = schema;
    const nonNull = members.filter((s) => !isNullType(s));
    const inner = toOpenApi(nonNull.length === 1 ? nonNull[0] : { [key]: nonNull });
    const outer = toOpenApi(rest);
    return inner.$ref ? { ...outer, allOf: [inner], nullable: true } : { ...outer, ...inner, nullable: true };
  }
  let out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$ref') out.$ref = `#/components/schemas/${refName(v)}`;
    else if (k === 'const') out.enum = [v];
    else if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toOpenApi(s)]));
    else if (k === 'description' || k === 'title' || k === 'enum' || k === 'required' || k === 'default' || k === 'examples') out[k] = v;
    else out[k] = toOpenApi(v);
  }
  // type: ['string', 'null'] → type: 'string', nullable: true
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    const nullable = types.length !== out.type.length;
    if (types.length === 1) out.type = types[0];
    else {
      const { type: _t, ...rest } = out;
      out = { ...rest, anyOf: types.map((t) => ({ type: t })) };
    }
    if (nullable) out.nullable = true;
  }
  if (Array.isArray(out.enum) && out.enum.includes(null)) out.nullable = true;
  if (out.type === 'null') throw new Error(`type null on its own cannot be written in OpenAPI 3.0: ${JSON.stringify(schema)}`);
  return out;
}

function collectRefs(schema, into) {
  if (Array.isArray(schema)) return schema.forEach((s) => collectRefs(s, into));
  if (!schema || typeof schema !== 'object') return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$ref') into.add(refName(v));
    else collectRefs(v, into);
  }
}

/** Source text of src/openapi/schemas.generated.ts. */
function generate() {
  const defs = jsonSchemas();
  for (const name of Object.keys(defs)) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`schema name ${name} is not a plain identifier; export a named type for it`);
  }
  // the response types and whatever they refer to
  const keep = new Set();
  const queue = Object.keys(defs).filter((n) => !isRequestType(n));
  while (queue.length) {
    const name = queue.pop();
    if (keep.has(name)) continue;
    keep.add(name);
    const refs = new Set();
    collectRefs(defs[name], refs);
    queue.push(...refs);
  }
  const names = [...keep].sort();
  const schemas = Object.fromEntries(names.map((n) => [n, toOpenApi(defs[n])]));
  const src = relative(resolve(API_DIR, '../..'), SHARED_SRC);
  return [
    `// GENERATED by apps/api/scripts/openapi-schemas.cjs from ${src}/{types,errors}.ts (and the enums they use).`,
    '// Do not edit: change packages/shared, then run `pnpm --filter @wenming/api openapi:schemas`.',
    '// src/openapi/schemas.spec.ts fails when this file is stale.',
    "import type * as Shared from '@wenming/shared';",
    "import type { SchemaObject } from '@nestjs/swagger';",
    '',
    '/** The shared TypeScript type behind each schema (lets @ApiAnswer check what a handler returns). */',
    'export interface SchemaTypes {',
    ...names.map((n) => `  ${n}: Shared.${n};`),
    '}',
    'export type SchemaName = keyof SchemaTypes;',
    '',
    '/** OpenAPI 3.0 schema objects for components.schemas. */',
    `export const SCHEMAS: Record<SchemaName, SchemaObject> = ${JSON.stringify(schemas, null, 2)};`,
    '',
  ].join('\n');
}

module.exports = { generate, OUT_FILE };

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT_FILE, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`${relative(process.cwd(), OUT_FILE)} is stale: run pnpm --filter @wenming/api openapi:schemas`);
      process.exit(1);
    }
    console.log('openapi schemas up to date');
  } else {
    writeFileSync(OUT_FILE, text);
    console.log(`wrote ${relative(process.cwd(), OUT_FILE)}`);
  }
}
