import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { NoticeQuery } from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';

export const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class NoticeQueryDto extends PaginationQueryDto implements NoticeQuery {
  @ApiPropertyOptional({ description: 'true：只看未读' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'unread 必须是 true 或 false' })
  unread?: boolean;
}
