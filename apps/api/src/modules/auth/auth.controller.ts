import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/decorators';
import { AuthService } from './auth.service';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: '手机号 + 密码登录' })
  @ApiAnswer('LoginResponse', { errors: [401] })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Post('auth/register')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '志愿者自行注册（姓名、手机号、密码、所属站点），返回登录凭证' })
  @ApiAnswer('LoginResponse', { status: 201, errors: [409] })
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前账号、志愿者档案、所在与带领的队伍' })
  @ApiAnswer('MeResponse')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
