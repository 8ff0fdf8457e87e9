import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { sendTableFile } from '../../common/files/table-file';
import { UUID_PIPE } from '../../common/pipes';
import {
  CancelRedemptionDto,
  CreateGoodsDto,
  CreateRedemptionDto,
  GoodsQueryDto,
  PointsLedgerQueryDto,
  RedemptionExportQueryDto,
  RedemptionQueryDto,
  UpdateGoodsDto,
} from './dto/points-shop.dto';
import { GoodsService } from './goods.service';
import { PointsAccountService } from './points-account.service';
import { RedemptionRecordsService } from './redemption-records.service';
import { RedemptionsService } from './redemptions.service';
import { ApiAnswer, ApiFile } from '../../openapi/api-answer';

@ApiTags('points-shop')
@ApiBearerAuth()
@Controller()
export class PointsShopController {
  constructor(
    private readonly goods: GoodsService,
    private readonly redemptions: RedemptionsService,
    private readonly records: RedemptionRecordsService,
    private readonly account: PointsAccountService,
  ) {}

  // ---- points
  @Get('me/points')
  @ApiOperation({ summary: '我的积分：可用余额、冻结、累计获得/兑换/村规民约积分' })
  @ApiAnswer('PointsAccountDto')
  myPoints(@CurrentUser() user: AuthUser) {
    return this.account.account(user, null);
  }

  @Get('me/points/ledger')
  @ApiOperation({ summary: '我的积分明细（新的在前）' })
  @ApiAnswer('PointsLedgerItemDto', { page: true })
  myLedger(@CurrentUser() user: AuthUser, @Query() q: PointsLedgerQueryDto) {
    return this.account.ledger(user, null, q);
  }

  @Get('volunteers/:id/points')
  @ApiOperation({ summary: '志愿者积分（本人、辖区管理员）' })
  @ApiAnswer('PointsAccountDto')
  points(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.account.account(user, id);
  }

  @Get('volunteers/:id/points/ledger')
  @ApiOperation({ summary: '志愿者积分明细（本人、辖区管理员）' })
  @ApiAnswer('PointsLedgerItemDto', { page: true })
  ledger(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: PointsLedgerQueryDto) {
    return this.account.ledger(user, id, q);
  }

  // ---- goods
  @Get('goods')
  @ApiOperation({ summary: '积分超市商品：?siteId 给出该阵地的商品（含全县通用）；志愿者只看上架商品' })
  @ApiAnswer('GoodsDto', { page: true })
  listGoods(@CurrentUser() user: AuthUser, @Query() q: GoodsQueryDto) {
    return this.goods.list(user, q);
  }

  @Get('goods/:id')
  @ApiOperation({ summary: '商品详情' })
  @ApiAnswer('GoodsDto')
  getGoods(@Param('id', UUID_PIPE) id: string) {
    return this.goods.get(id);
  }

  @Post('goods')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '新增商品（全县通用：县文明办；阵地商品：管理该阵地的管理员）' })
  @ApiAnswer('GoodsDto', { status: 201 })
  createGoods(@CurrentUser() user: AuthUser, @Body() dto: CreateGoodsDto) {
    return this.goods.create(user, dto);
  }

  @Patch('goods/:id')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '修改商品（名称、图片、积分、库存、上下架）' })
  @ApiAnswer('GoodsDto')
  updateGoods(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateGoodsDto) {
    return this.goods.update(user, id, dto);
  }

  @Delete('goods/:id')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '删除商品；已有兑换记录的改为下架' })
  @ApiAnswer('DeleteGoodsResponse')
  removeGoods(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.goods.remove(user, id);
  }

  // ---- redemptions
  @Post('redemptions')
  @ApiOperation({ summary: '兑换商品（志愿者）：冻结积分并预留库存；409 OUT_OF_STOCK / INSUFFICIENT_POINTS / GOODS_INACTIVE' })
  @ApiAnswer('RedemptionDto', { status: 201, errors: [404, 409] })
  request(@CurrentUser() user: AuthUser, @Body() dto: CreateRedemptionDto) {
    return this.redemptions.request(user, dto.goodsId);
  }

  @Get('me/redemptions')
  @ApiOperation({ summary: '我的兑换' })
  @ApiAnswer('RedemptionDto', { page: true })
  mine(@CurrentUser() user: AuthUser, @Query() q: RedemptionQueryDto) {
    return this.records.mine(user, q);
  }

  @Get('redemptions')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '兑换记录（辖区）；领取清单：?status=requested&siteId=' })
  @ApiAnswer('RedemptionDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: RedemptionQueryDto) {
    return this.records.list(user, q);
  }

  @Post('redemptions/:id/fulfil')
  @HttpCode(200)
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '确认领取（领取阵地的管理员）' })
  @ApiAnswer('RedemptionDto', { errors: [409] })
  fulfil(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.redemptions.fulfil(user, id);
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消兑换（管理员；志愿者本人在领取前）：积分和库存退回' })
  @ApiAnswer('RedemptionDto', { errors: [409] })
  cancel(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: CancelRedemptionDto) {
    return this.redemptions.cancel(user, id, dto);
  }

  @Get('exports/redemptions')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '导出兑换记录（csv/xlsx，手机号脱敏）' })
  @ApiFile(['csv', 'xlsx'])
  async export(@CurrentUser() user: AuthUser, @Query() q: RedemptionExportQueryDto, @Res() res: FastifyReply) {
    sendTableFile(res, await this.records.exportFile(user, q));
  }
}
