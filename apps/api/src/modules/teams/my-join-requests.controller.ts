import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { ApiAnswer } from '../../openapi/api-answer';
import { JoinRequestQueryDto } from './dto/join-request.dto';
import { JoinRequestsService } from './join-requests.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('me')
export class MyJoinRequestsController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  @Get('join-requests')
  @ApiOperation({ summary: '我的入队申请及处理结果' })
  @ApiAnswer('JoinRequestDto', { page: true })
  mine(@CurrentUser() user: AuthUser, @Query() q: JoinRequestQueryDto) {
    return this.joinRequests.mine(user, q);
  }
}
