import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HealthLiveResponse, HealthReadyResponse, HealthResponse } from '@wenming/shared';
import { Public } from '../../common/auth/decorators';
import { ApiAnswer, schemaRef } from '../../openapi/api-answer';
import { DB_RETRY_AFTER_SECONDS } from '../../common/observability/db-health';
import { OPS, type Ops } from '../../common/observability/ops';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(OPS) private readonly ops: Ops) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查：应用与数据库' })
  @ApiAnswer('HealthResponse')
  @ApiResponse({ status: 503, description: '数据库不可用', schema: schemaRef('HealthResponse') })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponse> {
    if (await this.ops.dbHealth.check()) return { status: 'ok', db: 'up' };
    res.status(503).header('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    return { status: 'degraded', db: 'down' };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活检查（liveness）：进程在运行、能应答；不查数据库' })
  @ApiAnswer('HealthLiveResponse')
  live(): HealthLiveResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查（readiness）：数据库可用且未在停机；否则 503 并带 Retry-After' })
  @ApiAnswer('HealthReadyResponse')
  @ApiResponse({ status: 503, description: '数据库不可用或正在停机', schema: schemaRef('HealthReadyResponse') })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthReadyResponse> {
    const up = await this.ops.dbHealth.check();
    if (up && !this.ops.draining) return { status: 'ok', db: 'up' };
    res.status(503).header('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    return { status: 'degraded', db: up ? 'up' : 'down', ...(this.ops.draining ? { draining: true } : {}) };
  }
}
