import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { OrderStatsQueryDto } from './dto/service-order.dto';
import { OrderStatsService } from './order-stats.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class OrderStatsController {
  constructor(private readonly orders: OrderStatsService) {}

  @Get('orders')
  @ApiOperation({ summary: '点单统计：各状态数量、超时、平均评分、平均派单/接单用时（按点单日期，Asia/Shanghai）' })
  @ApiAnswer('OrderStatsDto')
  orderStats(@CurrentUser() user: AuthUser, @Query() q: OrderStatsQueryDto) {
    return this.orders.stats(user, q);
  }
}
