import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerQueryDto } from './dto/volunteer.dto';
import { VolunteersService } from './volunteers.service';

@ApiTags('volunteers')
@ApiBearerAuth()
@Controller('volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @Get()
  @ApiOperation({ summary: '志愿者名单（管理员范围内；队长看自己队伍的队员）' })
  list(@CurrentUser() user: AuthUser, @Query() q: VolunteerQueryDto) {
    return this.volunteers.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: '登记志愿者（管理员；队长可为自己的队伍添加无账号的队员，如红领巾少年）' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateVolunteerDto) {
    return this.volunteers.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.volunteers.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改志愿者资料（管理员范围内，或本人）' })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateVolunteerDto) {
    return this.volunteers.update(user, id, dto);
  }
}
