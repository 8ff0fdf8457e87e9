import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { AddMemberDto, CreateTeamDto, MembersQueryDto, TeamQueryDto, UpdateTeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: '队伍列表（管理员范围内；志愿者看自己所在的队伍）' })
  @ApiAnswer('TeamDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: TeamQueryDto) {
    return this.teams.list(user, q);
  }

  @Post()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '新建队伍' })
  @ApiAnswer('TeamDto', { status: 201 })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTeamDto) {
    return this.teams.create(user, dto);
  }

  @Get(':id')
  @ApiAnswer('TeamDto')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.teams.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改队伍（管理员；队长可改名称和简介）' })
  @ApiAnswer('TeamDto')
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateTeamDto) {
    return this.teams.update(user, id, dto);
  }

  @Get(':id/members')
  @ApiAnswer('MembershipDto', { page: true })
  members(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: MembersQueryDto) {
    return this.teams.members(user, id, q);
  }

  @Post(':id/members')
  @ApiOperation({ summary: '添加队员（管理员、队长；任命队长仅管理员）' })
  @ApiAnswer('MembershipDto', { status: 201, errors: [409] })
  addMember(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: AddMemberDto) {
    return this.teams.addMember(user, id, dto);
  }

  @Delete(':id/members/:volunteerId')
  @HttpCode(204)
  @ApiNoContent()
  removeMember(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Param('volunteerId', UUID_PIPE) volunteerId: string) {
    return this.teams.removeMember(user, id, volunteerId);
  }
}
