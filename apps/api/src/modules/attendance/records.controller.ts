import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { RecordQueryDto, RedeemPointsDto } from './dto/attendance.dto';
import { RecordsService } from './records.service';
import { ApiAnswer, ApiFile } from '../../openapi/api-answer';

@ApiTags('records')
@ApiBearerAuth()
@Controller()
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get('me/record')
  @ApiOperation({ summary: '我的服务记录：时长、人次、星级、积分与明细' })
  @ApiAnswer('VolunteerRecordDto')
  me(@CurrentUser() user: AuthUser, @Query() q: RecordQueryDto) {
    return this.records.myRecord(user, q);
  }

  @Get('volunteers/:id/record')
  @ApiOperation({ summary: '志愿者服务记录（本人、辖区管理员）' })
  @ApiAnswer('VolunteerRecordDto')
  record(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: RecordQueryDto) {
    return this.records.record(user, id, q);
  }

  @Get('volunteers/:id/certificate.pdf')
  @ApiOperation({ summary: '志愿服务记录证明（PDF；本人、辖区管理员）' })
  @ApiFile(['pdf'], { description: '志愿服务记录证明 PDF' })
  async certificate(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: RecordQueryDto, @Res() res: FastifyReply) {
    const { pdf, number } = await this.records.certificate(user, id, q);
    res.header('Content-Type', 'application/pdf');
    res.header('Content-Disposition', `inline; filename="${number}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务记录证明-${number}.pdf`)}`);
    res.header('Content-Length', String(pdf.length));
    res.send(pdf);
  }

  @Post('volunteers/:id/points/redeem')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '积分超市兑换（管理员）；余额不足 409 INSUFFICIENT_POINTS' })
  @ApiAnswer('PointsLedgerEntryDto', { status: 201, errors: [409] })
  redeem(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: RedeemPointsDto) {
    return this.records.redeem(user, id, dto);
  }
}
