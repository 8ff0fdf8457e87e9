import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('users')
@ApiBearerAuth()
@Roles('county_admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '工作人员账号列表（县文明办）' })
  @ApiAnswer('UserDto', { page: true })
  list(@Query() q: UserQueryDto) {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({ summary: '新建工作人员账号（县文明办）' })
  @ApiAnswer('UserDto', { status: 201, errors: [409] })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改账号角色、所管阵地或密码（县文明办）' })
  @ApiAnswer('UserDto', { errors: [409] })
  update(@CurrentUser() actor: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
