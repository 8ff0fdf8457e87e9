import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@wenming/shared';
import { Public } from '../../common/auth/decorators';
import { ApiAnswer, schemaRef } from '../../openapi/api-answer';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查：应用与数据库' })
  @ApiAnswer('HealthResponse')
  @ApiResponse({ status: 503, description: '数据库不可用', schema: schemaRef('HealthResponse') })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    try {
      await this.db.query('SELECT 1');
      return { status: 'ok', db: 'up' };
    } catch {
      res.status(503);
      return { status: 'degraded', db: 'down' };
    }
  }
}
