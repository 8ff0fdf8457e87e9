import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isValidDate } from '@wenming/shared';
import { PaginationQueryDto } from './pagination.dto';

@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && isValidDate(value);
  }
  defaultMessage(args: ValidationArguments) {
    return `${args.property} 必须是有效日期 YYYY-MM-DD`;
  }
}

@ValidatorConstraint({ name: 'notBeforeFrom' })
export class NotBeforeFrom implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    const from = (args.object as { from?: string }).from;
    return !from || typeof value !== 'string' || value >= from;
  }
  defaultMessage() {
    return 'to 不能早于 from';
  }
}

/** from/to: inclusive Asia/Shanghai calendar dates. */
export class DateRangeQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: '起始日期（含），Asia/Shanghai' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期（含），Asia/Shanghai' })
  @IsOptional()
  @Validate(IsCalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;
}
