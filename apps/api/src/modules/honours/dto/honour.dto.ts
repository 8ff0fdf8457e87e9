import { ENTITY_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  HONOUR_STATUSES,
  HONOUR_SUBJECTS,
  type CreateHonourRequest,
  type HonourQuery,
  type HonourStatus,
  type HonourSubject,
  type RejectHonourRequest,
} from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, OptionalOneOf } from '../../../common/dto/fields';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateHonourDto implements CreateHonourRequest {
  @ApiProperty({ enum: HONOUR_SUBJECTS })
  @IsIn(HONOUR_SUBJECTS, { message: 'subject 只能是 volunteer 或 team' })
  subject: HonourSubject;

  @ApiPropertyOptional({ format: 'uuid', description: 'subject=volunteer 时必填' })
  @ValidateIf((o) => o.subject === 'volunteer' || o.volunteerId !== undefined)
  @IsUUID('all', { message: '请选择被提名的志愿者（volunteerId）' })
  volunteerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'subject=team 时必填' })
  @ValidateIf((o) => o.subject === 'team' || o.teamId !== undefined)
  @IsUUID('all', { message: '请选择被提名的队伍（teamId）' })
  teamId?: string;

  @ApiProperty({ example: '优秀志愿者' })
  @Transform(trim)
  @IsString({ message: '请填写荣誉称号' })
  @IsNotEmpty({ message: '请填写荣誉称号' })
  @MaxLength(ENTITY_NAME_MAX, { message: `荣誉称号最多 ${ENTITY_NAME_MAX} 个字` })
  title: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: '年度必须是四位年份' })
  @Min(2000, { message: '年度必须在 2000 到 2100 之间' })
  @Max(2100, { message: '年度必须在 2000 到 2100 之间' })
  year: number;

  @ApiPropertyOptional({ description: '事迹简介' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '事迹简介最多 1000 个字' })
  citation?: string;
}

export class RejectHonourDto implements RejectHonourRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '原因最多 500 个字' })
  reason?: string;
}

export class HonourQueryDto extends PaginationQueryDto implements HonourQuery {
  @OptionalOneOf(HONOUR_STATUSES)
  status?: HonourStatus;

  @ApiPropertyOptional({ enum: HONOUR_SUBJECTS })
  @IsOptional()
  @IsIn(HONOUR_SUBJECTS, { message: 'subject 只能是 volunteer 或 team' })
  subject?: HonourSubject;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度必须是四位年份' })
  @Min(2000, { message: '年度必须在 2000 到 2100 之间' })
  @Max(2100, { message: '年度必须在 2000 到 2100 之间' })
  year?: number;

  @OptionalUuid()
  townId?: string;
}

export class PublicHonourQueryDto {
  @OptionalUuid({ description: '乡镇' })
  townId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度必须是四位年份' })
  @Min(2000, { message: '年度必须在 2000 到 2100 之间' })
  @Max(2100, { message: '年度必须在 2000 到 2100 之间' })
  year?: number;
}

export class SuggestionQueryDto {
  @ApiPropertyOptional({ description: '年度（默认今年）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度必须是四位年份' })
  @Min(2000, { message: '年度必须在 2000 到 2100 之间' })
  @Max(2100, { message: '年度必须在 2000 到 2100 之间' })
  year?: number;
}
