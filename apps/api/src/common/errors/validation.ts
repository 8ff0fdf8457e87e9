import { ValidationError, ValidationPipe } from '@nestjs/common';
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
      const required =
        entries.find(([k]) => k === 'isNotEmpty' || k === 'isDefined') ??
        entries.find(([k, m]) => !MUTE.includes(k) && /[\u4e00-\u9fa5]/.test(m));
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => AppError.validation(flatten(errors)),
  });
}
