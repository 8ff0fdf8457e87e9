import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { AcceptOrderDto, CreateServiceOrderDto, DispatchOrderDto, RateOrderDto, ReasonDto, ServiceOrderQueryDto, TeamRatingsQueryDto } from './dto/service-order.dto';
import { OrderStatsService } from './order-stats.service';
import { OrderWorkflowService } from './order-workflow.service';
import { ResidentOrdersService } from './resident-orders.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('service-orders')
@Controller('service-orders')
export class ServiceOrdersController {
  constructor(
    private readonly residents: ResidentOrdersService,
    private readonly orders: OrderWorkflowService,
    private readonly stats: OrderStatsService,
  ) {}

  @Post()
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '群众点单（无需登录，限频）：返回点单编号和查询凭证 trackingToken' })
  @ApiAnswer('CreateServiceOrderResponse', { status: 201, errors: [409] })
  create(@Body() dto: CreateServiceOrderDto) {
    return this.residents.create(dto);
  }

  @Get('track/:token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiOperation({ summary: '凭 trackingToken 查询自己的点单（手机号脱敏，不含志愿者个人信息）' })
  @ApiAnswer('ServiceOrderTrackingDto')
  track(@Param('token') token: string) {
    return this.residents.track(token);
  }

  @Post('track/:token/rate')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '群众评单：服务完成后 1–5 星评价，只能评一次' })
  @ApiAnswer('ServiceOrderTrackingDto', { errors: [409] })
  rate(@Param('token') token: string, @Body() dto: RateOrderDto) {
    return this.residents.rate(token, dto);
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: '点单列表：管理员看范围内站点的点单，队长看派给自己队伍的点单；每条带 overdue/overdueSince' })
  @ApiAnswer('ServiceOrderDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: ServiceOrderQueryDto) {
    return this.orders.list(user, q);
  }

  @Get('team-ratings')
  @ApiBearerAuth()
  @ApiOperation({ summary: '五星队伍：各队伍点单评价的平均星级和评价数，从高到低（范围同 /stats/orders）' })
  @ApiAnswer('TeamRatingDto', { page: true })
  teamRatings(@CurrentUser() user: AuthUser, @Query() q: TeamRatingsQueryDto) {
    return this.stats.teamRatings(user, q);
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: '点单详情（管理员范围内；被派单队伍的队长）' })
  @ApiAnswer('ServiceOrderDto')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.orders.get(user, id);
  }

  @Post(':id/dispatch')
  @ApiBearerAuth()
  @HttpCode(200)
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '站点派单：已点单 → 已派单，派给提供该项目的队伍' })
  @ApiAnswer('ServiceOrderDto', { errors: [409] })
  dispatch(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: DispatchOrderDto) {
    return this.orders.dispatch(user, id, dto);
  }

  @Post(':id/accept')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: '队伍接单（被派单队伍的队长）：已派单 → 已接单，同时创建菜单式服务活动' })
  @ApiAnswer('ServiceOrderDto', { errors: [409] })
  accept(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: AcceptOrderDto) {
    return this.orders.accept(user, id, dto);
  }

  @Post(':id/decline')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: '队伍退单（被派单队伍的队长）：已派单 → 已点单，保留退单原因' })
  @ApiAnswer('ServiceOrderDto', { errors: [409] })
  decline(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: ReasonDto) {
    return this.orders.decline(user, id, dto);
  }

  @Post(':id/cancel')
  @ApiBearerAuth()
  @HttpCode(200)
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '取消点单（范围内管理员）：已点单/已派单/已接单 → 已取消；已接单的服务活动一并取消' })
  @ApiAnswer('ServiceOrderDto', { errors: [409] })
  cancel(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: ReasonDto) {
    return this.orders.cancel(user, id, dto);
  }
}
