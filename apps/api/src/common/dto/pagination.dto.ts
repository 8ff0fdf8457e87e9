import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PAGE_SIZE_MAX } from '@wenming/shared';

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `pageSize 必须是 1 到 ${PAGE_SIZE_MAX} 的整数` })
  @Min(1, { message: `pageSize 必须是 1 到 ${PAGE_SIZE_MAX} 的整数` })
  @Max(PAGE_SIZE_MAX, { message: `pageSize 最大为 ${PAGE_SIZE_MAX}` })
  pageSize: number = 20;
}

/**
 * Lists a leader counts (sign-ups, attendance of one activity): one page may hold a whole activity, so pageSize goes
 * up to 1000 here (PAGE_SIZE_MAX elsewhere). Not derived from PaginationQueryDto: class-validator would keep its Max(100).
 */
export class LargePageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 20, description: '每页条数，最多 1000（一次取回整场活动的名单）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是 1 到 1000 的整数' })
  @Min(1, { message: 'pageSize 必须是 1 到 1000 的整数' })
  @Max(1000, { message: 'pageSize 最大为 1000' })
  pageSize: number = 20;
}

export function paginate<T>(items: T[], total: number, q: { page: number; pageSize: number }) {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export const PHONE_MESSAGE = '手机号必须是 11 位大陆手机号';

/** A contact telephone: an 11-digit mobile, or a landline with its area code (0951-1234567, 09511234567, optional -extension). */
export const CONTACT_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const CONTACT_PHONE_MESSAGE = '联系电话应为 11 位手机号，或带区号的座机号（如 0951-1234567）';
