import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Validate } from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_KINDS,
  EXPORT_FORMATS,
  STATS_BREAKDOWN_BY,
  TEAM_TYPES,
  type ActivityCategory,
  type ActivityKind,
  type AttendanceExportQuery,
  type ServiceDaysExportQuery,
  type ExportFormat,
  type StatsBreakdownBy,
  type StatsBreakdownQuery,
  type StatsExportQuery,
  type StatsFilter,
  type TeamType,
} from '@wenming/shared';
import { IsCalendarDate, NotBeforeFrom } from '../../../common/dto/date-range.dto';

/** Filters shared by /stats/* and /exports/*. */
export class StatsFilterDto implements StatsFilter {
  @ApiPropertyOptional({ example: '2026-01-01', description: '活动开始日期起（含），Asia/Shanghai' })
  @IsOptional()
  @Validate(IsCalendarDate)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '活动开始日期止（含），Asia/Shanghai' })
  @IsOptional()
  @Validate(IsCalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '乡镇（行政区划 level=town）：该镇所有阵地' })
  @IsOptional()
  @IsUUID('all', { message: 'townId 不是有效的编号' })
  townId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '阵地及其下级阵地' })
  @IsOptional()
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId 不是有效的编号' })
  teamId?: string;

  @ApiPropertyOptional({ enum: TEAM_TYPES })
  @IsOptional()
  @IsIn(TEAM_TYPES, { message: `teamType 只能是 ${TEAM_TYPES.join('/')}` })
  teamType?: TeamType;

  @ApiPropertyOptional({ enum: ACTIVITY_CATEGORIES })
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: `category 只能是 ${ACTIVITY_CATEGORIES.join('/')}` })
  category?: ActivityCategory;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS, { message: `kind 只能是 ${ACTIVITY_KINDS.join('/')}` })
  kind?: ActivityKind;
}

export class StatsBreakdownQueryDto extends StatsFilterDto implements StatsBreakdownQuery {
  @ApiProperty({ enum: STATS_BREAKDOWN_BY })
  @IsIn(STATS_BREAKDOWN_BY, { message: `by 只能是 ${STATS_BREAKDOWN_BY.join('/')}` })
  by: StatsBreakdownBy;
}

export class StatsExportQueryDto extends StatsBreakdownQueryDto implements StatsExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}

export class AttendanceExportQueryDto extends StatsFilterDto implements AttendanceExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}

/** GET /exports/service-days: the /stats/service-days filters + format. */
export class ServiceDaysExportQueryDto extends StatsFilterDto implements ServiceDaysExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: 'format 只能是 csv 或 xlsx' })
  format: ExportFormat;
}
