import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse } from '@wenming/shared';
import { Public } from '../../common/auth/decorators';
import { DB_RETRY_AFTER_SECONDS } from '../../common/observability/db-health';
import { OPS, type Ops } from '../../common/observability/ops';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(OPS) private readonly ops: Ops) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查：应用与数据库' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    if (await this.ops.dbHealth.check()) return { status: 'ok', db: 'up' };
    res.status(503).setHeader('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    return { status: 'degraded', db: 'down' };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活检查（liveness）：进程在运行、能应答；不查数据库' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查（readiness）：数据库可用且未在停机；否则 503 并带 Retry-After' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthResponse & { draining?: boolean }> {
    const up = await this.ops.dbHealth.check();
    if (up && !this.ops.draining) return { status: 'ok', db: 'up' };
    res.status(503).setHeader('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    return { status: 'degraded', db: up ? 'up' : 'down', ...(this.ops.draining ? { draining: true } : {}) };
  }
}
