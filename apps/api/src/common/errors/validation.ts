import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, FieldError } from './app-error';

const CONSTRAINT_ZH: Record<string, (field: string) => string> = {
  whitelistValidation: (f) => `不允许的字段：${f}`,
  isNotEmpty: (f) => `${f} 不能为空`,
  isDefined: (f) => `${f} 为必填项`,
  isUuid: (f) => `${f} 不是有效的编号（UUID）`,
  isIn: (f) => `${f} 的取值不在允许范围内`,
  isEnum: (f) => `${f} 的取值不在允许范围内`,
  isInt: (f) => `${f} 必须是整数`,
  min: (f) => `${f} 太小`,
  max: (f) => `${f} 太大`,
  isString: (f) => `${f} 必须是文字`,
  isBoolean: (f) => `${f} 必须是 true 或 false`,
  isArray: (f) => `${f} 必须是列表`,
  isDateString: (f) => `${f} 不是有效的时间（ISO 8601，带时区）`,
  isISO8601: (f) => `${f} 不是有效的时间（ISO 8601，带时区）`,
  maxLength: (f) => `${f} 太长`,
  minLength: (f) => `${f} 太短`,
  matches: (f) => `${f} 格式不正确`,
};

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const err of errors) {
    const field = parent ? `${parent}.${err.property}` : err.property;
    if (err.constraints) {
      // one entry per field: the most telling broken constraint, with our message when the DTO gave one.
      // A missing value says so (not "too long" or "wrong format").
      const entries = Object.entries(err.constraints);
      const missing = err.value === undefined || err.value === null || err.value === '';
      // bounds and bare type checks say nothing useful about a value that is not there
      const MUTE = ['maxLength', 'minLength', 'max', 'min', 'arrayMaxSize', 'arrayMinSize', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray'];
      const required = entries.find(([k]) => k === 'isNotEmpty' || k === 'isDefined') ?? entries.find(([k, m]) => !MUTE.includes(k) && /[\u4e00-\u9fa5]/.test(m));
      if (missing && !required && !('whitelistValidation' in err.constraints)) {
        out.push({ field, message: `缺少必填项 ${field}` });
      } else {
        const [key, raw] = (missing && required) || entries[0];
        const custom = raw && /[\u4e00-\u9fa5]/.test(raw) ? raw : undefined;
        out.push({ field, message: custom ?? CONSTRAINT_ZH[key]?.(field) ?? `${field} 不符合要求` });
      }
    }
    if (err.children?.length) out.push(...flatten(err.children, field));
  }
  return out;
}

/** Largest integer a request may carry: PostgreSQL `integer` (every count, capacity, minute and page here fits). */
export const MAX_INT = 2_147_483_647;
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const NUMERIC = ['isInt', 'isNumber', 'isPositive', 'isNegative', 'min', 'max', 'isDivisibleBy'];
type Rules = Map<string, { names: Set<string> }>;
const rulesCache = new WeakMap<object, Rules>();

/** The class-validator rules of a DTO class, by property (cached). */
function rulesOf(metatype: new (...a: unknown[]) => unknown): Rules {
  let rules = rulesCache.get(metatype);
  if (rules) return rules;
  rules = new Map();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false)) {
    const r = rules.get(m.propertyName) ?? { names: new Set<string>() };
    if (m.name) r.names.add(m.name);
    rules.set(m.propertyName, r);
  }
  rulesCache.set(metatype, rules);
  return rules;
}

/** NUL bytes and out-of-range numbers anywhere in a value, with the path of each. */
function scanValue(value: unknown, path: string, out: FieldError[], depth = 0): void {
  if (out.length > 20 || depth > 40) return;
  if (typeof value === 'string') {
    if (value.includes('\0')) out.push({ field: path || 'body', message: `${path || '内容'} 含有不允许的空字符（NUL）` });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_INT) out.push({ field: path || 'body', message: `${path || '数值'} 超出允许范围（绝对值最大 ${MAX_INT}）` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanValue(v, `${path}[${i}]`, out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\0')) out.push({ field: k.replace(/\0/g, ''), message: '字段名含有不允许的空字符（NUL）' });
      else scanValue(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
  }
}

/**
 * The global pipe: class-validator as before (whitelist, forbidNonWhitelisted, transform), plus the checks that used
 * to end in a 500 or in silently wrong data, enforced once for every DTO instead of field by field:
 * - a NUL byte in any text (PostgreSQL cannot store it) and numbers beyond the `integer` range (1e308, a 20-digit page);
 * - body only, against the raw JSON before class-transformer converts it:
 *   - `null` only for fields the contract marks nullable (`@ApiProperty({nullable: true})`); omit a field to leave it;
 *   - numbers must be JSON numbers and booleans JSON booleans (`points: true` is not 1 point);
 *   - a required text (`@IsNotEmpty`) is trimmed first, so whitespace only is empty and fails `@IsNotEmpty` with
 *     the DTO's message (passwords are not trimmed, only a blank one is emptied).
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => AppError.validation(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const errors: FieldError[] = [];
    if (metadata.type === 'body' || metadata.type === 'query') {
      scanValue(value, '', errors);
      if (metadata.type === 'body' && value && typeof value === 'object' && !Array.isArray(value) && metadata.metatype && this.toValidate(metadata)) {
        this.checkBody(value as Record<string, unknown>, metadata.metatype as new (...a: unknown[]) => unknown, errors);
      }
    }
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (err) {
      // one answer with every field's problem: ours first, then class-validator's for the other fields
      if (errors.length && err instanceof AppError && err.details) {
        const seen = new Set(errors.map((e) => e.field));
        throw AppError.validation([...errors, ...err.details.filter((d) => !seen.has(d.field))]);
      }
      throw err;
    }
    if (metadata.type === 'query' || metadata.type === 'param') scanValue(result, '', errors);
    if (errors.length) throw AppError.validation(errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i));
    return result;
  }

  private checkBody(body: Record<string, unknown>, metatype: new (...a: unknown[]) => unknown, errors: FieldError[]) {
    const rules = rulesOf(metatype);
    for (const [key, raw] of Object.entries(body)) {
      const r = rules.get(key);
      if (!r) continue; // unknown fields: forbidNonWhitelisted answers them
      if (raw === null) {
        const api = Reflect.getMetadata(SWAGGER_PROPERTY, metatype.prototype, key) as { nullable?: boolean } | undefined;
        if (!api?.nullable) errors.push({ field: key, message: `${key} 不能为 null；不修改请省略该字段` });
        continue;
      }
      if (raw === undefined) continue;
      if (r.names.has('isBoolean') && typeof raw !== 'boolean') errors.push({ field: key, message: `${key} 必须是 true 或 false` });
      else if (NUMERIC.some((n) => r.names.has(n)) && !r.names.has('isString') && !r.names.has('isDateString') && typeof raw !== 'number') {
        errors.push({ field: key, message: `${key} 必须是数字` });
      } else if (r.names.has('isNotEmpty') && typeof raw === 'string') {
        // trimmed, so whitespace only is empty and @IsNotEmpty answers with the DTO's own message
        if (!raw.trim()) body[key] = '';
        else if (!/password/i.test(key)) body[key] = raw.trim();
      }
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}
