import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { sendTableFile } from '../../common/files/table-file';
import { UUID_PIPE } from '../../common/pipes';
import { DeedsService } from './deeds.service';
import { CreateDeedAwardDto, CreateDeedDto, DeedAwardExportQueryDto, DeedAwardQueryDto, DeedListQueryDto, UpdateDeedDto } from './dto/deed.dto';
import { ApiAnswer, ApiFile } from '../../openapi/api-answer';

@ApiTags('deeds')
@ApiBearerAuth()
@Controller()
export class DeedsController {
  constructor(private readonly deeds: DeedsService) {}

  @Get('deeds')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '村规民约积分事项（县文明办配置）' })
  @ApiAnswer('DeedDto', { array: true })
  list(@Query() q: DeedListQueryDto) {
    return this.deeds.list(q);
  }

  @Post('deeds')
  @Roles('county_admin')
  @ApiOperation({ summary: '新增事项（县文明办）' })
  @ApiAnswer('DeedDto', { status: 201, errors: [409] })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDeedDto) {
    return this.deeds.create(user, dto);
  }

  @Patch('deeds/:id')
  @Roles('county_admin')
  @ApiOperation({ summary: '修改事项（县文明办）' })
  @ApiAnswer('DeedDto', { errors: [409] })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateDeedDto) {
    return this.deeds.update(user, id, dto);
  }

  @Post('deed-awards')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '奖励村规民约积分（辖区内的人，有无账号均可）；超出年度上限 409 DEED_CAP_EXCEEDED' })
  @ApiAnswer('DeedAwardDto', { status: 201, errors: [404, 409] })
  award(@CurrentUser() user: AuthUser, @Body() dto: CreateDeedAwardDto) {
    return this.deeds.award(user, dto);
  }

  @Get('deed-awards')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '村规民约积分奖励记录（辖区）' })
  @ApiAnswer('DeedAwardDto', { page: true })
  awards(@CurrentUser() user: AuthUser, @Query() q: DeedAwardQueryDto) {
    return this.deeds.awards(user, q);
  }

  @Get('exports/deed-awards')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '导出村规民约积分奖励记录（csv/xlsx）' })
  @ApiFile(['csv', 'xlsx'])
  async export(@CurrentUser() user: AuthUser, @Query() q: DeedAwardExportQueryDto, @Res() res: FastifyReply) {
    sendTableFile(res, await this.deeds.exportFile(user, q));
  }
}
