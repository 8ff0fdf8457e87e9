import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

/**
 * The field decorators every DTO repeats, in one place (issue 16): an id or an enum value, optional or required,
 * described for OpenAPI and validated with the field's own name in the Chinese message
 * ("teamId 不是有效的编号", "kind 只能是 service_day/menu_service/…").
 */

type Doc = { description?: string; example?: unknown; default?: unknown; nullable?: boolean };

/** An optional id (UUID) query or body field. */
export function OptionalUuid(doc: Doc = {}): PropertyDecorator {
  return (target, key) =>
    applyDecorators(ApiPropertyOptional({ format: 'uuid', ...doc }), IsOptional(), IsUUID('all', { message: `${String(key)} 不是有效的编号` }))(target, key);
}

/** A required id (UUID) field. */
export function RequiredUuid(doc: Doc = {}): PropertyDecorator {
  return (target, key) => applyDecorators(ApiProperty({ format: 'uuid', ...doc }), IsUUID('all', { message: `${String(key)} 不是有效的编号` }))(target, key);
}

/** An optional field holding one of `values` (the message lists them). */
export function OptionalOneOf(values: readonly string[], doc: Doc = {}): PropertyDecorator {
  return (target, key) =>
    applyDecorators(ApiPropertyOptional({ enum: values, ...doc }), IsOptional(), IsIn(values, { message: `${String(key)} 只能是 ${values.join('/')}` }))(target, key);
}

/** A required field holding one of `values`. */
export function RequiredOneOf(values: readonly string[], doc: Doc = {}): PropertyDecorator {
  return (target, key) => applyDecorators(ApiProperty({ enum: values, ...doc }), IsIn(values, { message: `${String(key)} 只能是 ${values.join('/')}` }))(target, key);
}
