import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { REGION_LEVELS, RegionDto, type RegionLevel } from '@wenming/shared';
import { RegionEntity } from './region.entity';
import { ApiAnswer } from '../../openapi/api-answer';

class RegionQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId 不是有效的编号' })
  parentId?: string;

  @ApiPropertyOptional({ enum: REGION_LEVELS })
  @IsOptional()
  @IsIn(REGION_LEVELS, { message: `level 只能是 ${REGION_LEVELS.join('/')}` })
  level?: RegionLevel;
}

export function toRegionDto(r: RegionEntity): RegionDto {
  return { id: r.id, name: r.name, level: r.level, parentId: r.parentId, code: r.code };
}

@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: '行政区划列表（县 → 乡镇 → 村/社区）' })
  @ApiAnswer('RegionDto', { array: true })
  async list(@Query() q: RegionQueryDto): Promise<RegionDto[]> {
    const where: Record<string, unknown> = {};
    if (q.parentId) where.parentId = q.parentId;
    if (q.level) where.level = q.level;
    const rows = await this.db.getRepository(RegionEntity).find({ where, order: { code: 'ASC' } });
    return rows.map(toRegionDto);
  }
}
