import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { DeclineClaimDto } from './dto/auth.dto';
import { ClaimQueryDto } from './dto/claims.dto';
import { RegistrationClaimsService } from './registration-claims.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('auth')
@ApiBearerAuth()
@Roles('county_admin', 'site_admin')
@Controller('registration-claims')
export class RegistrationClaimsController {
  constructor(private readonly claims: RegistrationClaimsService) {}

  @Get()
  @ApiOperation({ summary: '待确认的注册（手机号已登记为志愿者的注册申请），管理员在范围内查看' })
  @ApiAnswer('RegistrationClaimDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: ClaimQueryDto) {
    return this.claims.list(user, q);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '确认注册：创建登录账号并关联到已登记的志愿者档案' })
  @ApiAnswer('RegistrationClaimDto', { errors: [409] })
  approve(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.claims.approve(user, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '拒绝注册申请' })
  @ApiAnswer('RegistrationClaimDto', { errors: [409] })
  decline(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: DeclineClaimDto) {
    return this.claims.decline(user, id, dto.reason);
  }
}
