import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
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
import { OptionalUuid, OptionalOneOf, RequiredOneOf } from '../../../common/dto/fields';

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

  @OptionalUuid({ description: '乡镇（行政区划 level=town）：该镇所有阵地' })
  townId?: string;

  @OptionalUuid({ description: '阵地及其下级阵地' })
  siteId?: string;

  @OptionalUuid()
  teamId?: string;

  @OptionalOneOf(TEAM_TYPES)
  teamType?: TeamType;

  @OptionalOneOf(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @OptionalOneOf(ACTIVITY_KINDS)
  kind?: ActivityKind;
}

export class StatsBreakdownQueryDto extends StatsFilterDto implements StatsBreakdownQuery {
  @RequiredOneOf(STATS_BREAKDOWN_BY)
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
