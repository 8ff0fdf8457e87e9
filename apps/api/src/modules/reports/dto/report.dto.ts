import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat, type NoShowQuery } from '@wenming/shared';
import { IsCalendarDate, NotBeforeFrom } from '../../../common/dto/date-range.dto';
import { OptionalUuid } from '../../../common/dto/fields';

export class NoShowQueryDto implements NoShowQuery {
  @ApiProperty({ enum: ['team', 'volunteer'] })
  @IsIn(['team', 'volunteer'], { message: 'by 只能是 team 或 volunteer' })
  by: 'team' | 'volunteer';

  @ApiPropertyOptional({ example: '2026-01-01', description: '活动开始日期起（含），Asia/Shanghai' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Validate(IsCalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;

  @OptionalUuid({ description: '活动地点或组织队伍所在阵地（含下级）' })
  siteId?: string;

  @OptionalUuid()
  teamId?: string;
}

export class NoShowExportQueryDto extends NoShowQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}
