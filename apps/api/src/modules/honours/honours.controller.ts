import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateHonourDto, HonourQueryDto, PublicHonourQueryDto, RejectHonourDto, SuggestionQueryDto } from './dto/honour.dto';
import { HonoursService } from './honours.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('honours')
@Controller()
export class HonoursController {
  constructor(private readonly honours: HonoursService) {}

  @Get('public/honours')
  @Public()
  @ApiOperation({ summary: '先进典型光荣榜（公开，无需登录）：只含已通过的，只有姓名/队名与称号' })
  @ApiAnswer('PublicHonourDto', { array: true })
  publicList(@Query() q: PublicHonourQueryDto) {
    return this.honours.publicList(q);
  }

  @Get('honours')
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '先进典型提名与评定（辖区）' })
  @ApiAnswer('HonourDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: HonourQueryDto) {
    return this.honours.list(user, q);
  }

  @Get('honours/suggestions')
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '推荐人选：星级志愿者、五星（好评）队伍与服务人次多的队伍' })
  @ApiAnswer('HonourSuggestionDto', { array: true })
  suggestions(@CurrentUser() user: AuthUser, @Query() q: SuggestionQueryDto) {
    return this.honours.suggestions(user, q.year);
  }

  @Post('honours')
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '提名先进典型（辖区内的志愿者或队伍）' })
  @ApiAnswer('HonourDto', { status: 201 })
  nominate(@CurrentUser() user: AuthUser, @Body() dto: CreateHonourDto) {
    return this.honours.nominate(user, dto);
  }

  @Post('honours/:id/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('county_admin')
  @ApiOperation({ summary: '通过（县文明办）' })
  @ApiAnswer('HonourDto', { errors: [409] })
  approve(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.honours.decide(user, id, 'approved');
  }

  @Post('honours/:id/reject')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('county_admin')
  @ApiOperation({ summary: '驳回（县文明办）' })
  @ApiAnswer('HonourDto', { errors: [409] })
  reject(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: RejectHonourDto) {
    return this.honours.decide(user, id, 'rejected', dto.reason);
  }
}
