import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是 1 到 100 的整数' })
  @Min(1, { message: 'pageSize 必须是 1 到 100 的整数' })
  @Max(100, { message: 'pageSize 最大为 100' })
  pageSize: number = 20;
}

export function paginate<T>(items: T[], total: number, q: PaginationQueryDto) {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export const PHONE_MESSAGE = '手机号必须是 11 位大陆手机号';
