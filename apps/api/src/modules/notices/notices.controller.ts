import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { NoticeQueryDto } from './dto/notice.dto';
import { NoticesService } from './notices.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({ summary: '我的站内消息：未读在前，再按时间倒序' })
  @ApiAnswer('NoticeDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: NoticeQueryDto) {
    return this.notices.list(user, q);
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读消息数' })
  @ApiAnswer('UnreadCountDto')
  unread(@CurrentUser() user: AuthUser) {
    return this.notices.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读' })
  @ApiAnswer('ReadAllResponse')
  readAll(@CurrentUser() user: AuthUser) {
    return this.notices.readAll(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读（本人的消息）' })
  @ApiAnswer('NoticeDto')
  read(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.notices.markRead(user, id);
  }
}
