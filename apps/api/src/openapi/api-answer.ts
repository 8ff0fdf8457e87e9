import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Paginated } from '@wenming/shared';
import type { SchemaName, SchemaTypes } from './schemas.generated';

/** Error statuses a handler documents beyond the ones added for it automatically (see openapi-document.ts). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;
export const API_ERRORS = 'openapi:errors';
export const API_ERROR_BODIES = 'openapi:error-bodies';
/** Error statuses whose body is not (only) ApiErrorBody, e.g. { 400: ['ApiErrorBody', 'VolunteerImportErrorBody'] }. */
export type ErrorBodies = Partial<Record<ErrorStatus, SchemaName[]>>;

export interface AnswerOptions {
  /** default 200; 201 for creations */
  status?: 200 | 201;
  /** the answer is `Paginated<T>` ({items, total, page, pageSize}) */
  page?: boolean;
  /** the answer is `T[]` */
  array?: boolean;
  description?: string;
  /** error statuses this handler can answer besides the automatic ones (409 state conflicts, 429 limits …) */
  errors?: ErrorStatus[];
  /** error statuses whose body is one of these schemas instead of ApiErrorBody */
  errorBodies?: ErrorBodies;
  /** other 2xx statuses that answer the same schema (e.g. a repeated sign-up answers 200 instead of 201) */
  alsoStatus?: Array<200 | 201>;
  /** other 2xx statuses that answer a schema of their own, e.g. { 202: 'RegisterPendingResponse' } (the handler returns either) */
  otherAnswers?: Partial<Record<200 | 201 | 202, SchemaName>>;
}

type OtherAnswerType<O extends AnswerOptions> = O extends { otherAnswers: infer A } ? SchemaTypes[Extract<A[keyof A], SchemaName>] : never;

type AnswerType<N extends SchemaName, O extends AnswerOptions> =
  (O extends { page: true } ? Paginated<SchemaTypes[N]> : O extends { array: true } ? Array<SchemaTypes[N]> : SchemaTypes[N]) | OtherAnswerType<O>;

/** A method decorator that accepts only handlers whose return type fits `R` (so a drift from packages/shared fails the compiler). */
type TypedMethodDecorator<R> = <F extends (...args: never[]) => R | Promise<R>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F>) => void;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** The component name of `Paginated<T>`; openapi-document.ts creates the component. */
export const pageSchemaName = (name: SchemaName) => `${name}Page`;

/**
 * Documents the JSON answer of a handler with a schema generated from packages/shared, and type-checks the handler's
 * return type against the same shared type:
 *   @ApiAnswer('ActivityWithCountsDto')                 → ActivityWithCountsDto
 *   @ApiAnswer('ActivityDto', { page: true })            → Paginated<ActivityDto>
 *   @ApiAnswer('RegionDto', { array: true })             → RegionDto[]
 *   @ApiAnswer('SiteDto', { status: 201, errors: [409] })
 */
export function ApiAnswer<N extends SchemaName, const O extends AnswerOptions = Record<never, never>>(name: N, opts?: O): TypedMethodDecorator<AnswerType<N, O>> {
  const o: AnswerOptions = opts ?? {};
  const schema = o.page ? schemaRef(pageSchemaName(name)) : o.array ? { type: 'array' as const, items: schemaRef(name) } : schemaRef(name);
  const statuses = [o.status ?? 200, ...(o.alsoStatus ?? [])];
  const decorators = statuses.map((status) => ApiResponse({ status, description: o.description ?? (status === 201 ? '已创建' : '成功'), schema }));
  for (const [status, other] of Object.entries(o.otherAnswers ?? {})) {
    decorators.push(ApiResponse({ status: Number(status), description: '成功', schema: schemaRef(other) }));
  }
  return applyDecorators(...decorators, SetMetadata(API_ERRORS, o.errors ?? []), SetMetadata(API_ERROR_BODIES, o.errorBodies ?? {})) as TypedMethodDecorator<
    AnswerType<N, O>
  >;
}

/** An answer with no body (204). */
export function ApiNoContent(opts: { description?: string; errors?: ErrorStatus[] } = {}): MethodDecorator {
  return applyDecorators(ApiResponse({ status: 204, description: opts.description ?? '成功，无返回内容' }), SetMetadata(API_ERRORS, opts.errors ?? []));
}

export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A file download (PDF, CSV, XLSX): the body is binary in the listed content types. */
export function ApiFile(types: Array<keyof typeof CONTENT_TYPES>, opts: { description?: string; errors?: ErrorStatus[] } = {}): MethodDecorator {
  const content = Object.fromEntries(types.map((t) => [CONTENT_TYPES[t], { schema: { type: 'string', format: 'binary' } }]));
  return applyDecorators(
    ApiProduces(...types.map((t) => CONTENT_TYPES[t])),
    ApiResponse({
      status: 200,
      description: opts.description ?? '文件（Content-Disposition 给出中文文件名）',
      content,
    }),
    SetMetadata(API_ERRORS, opts.errors ?? []),
  );
}
