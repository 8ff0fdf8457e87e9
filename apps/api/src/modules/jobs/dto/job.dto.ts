import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';
import { IsCalendarDate } from '../../../common/dto/date-range.dto';

export class RunJobDto {
  @ApiPropertyOptional({ example: '2026-11-30', description: '仅活动提醒：提醒哪一天晚上（提醒次日的活动）；默认今天' })
  @IsOptional()
  @Validate(IsCalendarDate)
  date?: string;
}
