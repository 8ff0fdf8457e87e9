import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RegisterDto, SendCodeDto } from './dto/auth.dto';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: '手机号 + 密码登录（同一账号连续 10 次密码错误锁定 15 分钟）' })
  @ApiAnswer('LoginResponse', { errors: [401, 403], errorBodies: { 429: ['ApiErrorBody', 'AccountLockedErrorBody'] } })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Post('auth/register')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({
    summary: '志愿者自行注册（姓名、手机号、密码、所属站点）：201 返回登录凭证；手机号已登记为志愿者时 202，等待站点管理员确认',
  })
  @ApiAnswer('LoginResponse', { status: 201, errors: [409], otherAnswers: { 202: 'RegisterPendingResponse' } })
  async register(@Body() dto: RegisterDto, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.auth.register(dto);
    res.status(result.status);
    return result.body;
  }

  @Post('auth/register/code')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 5, ttl: 60_000 } })
  @ApiOperation({ summary: '发送注册短信验证码（开通短信后可用；同一手机号 60 秒一次）' })
  @ApiAnswer('SendCodeResponse', { errors: [409] })
  sendCode(@Body() dto: SendCodeDto) {
    return this.auth.sendCode(dto.phone);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：本账号此前签发的所有登录凭证立即失效（所有设备）' })
  @ApiNoContent()
  async logout(@CurrentUser() user: AuthUser) {
    await this.auth.logout(user);
  }

  @Post('auth/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改本人密码：此前的登录凭证立即失效，返回新的凭证' })
  @ApiAnswer('LoginResponse')
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(user, dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前账号、志愿者档案、所在与带领的队伍' })
  @ApiAnswer('MeResponse')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
