import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { AddMemberByPhoneDto, CreateJoinRequestDto, JoinRequestQueryDto, TeamDirectoryQueryDto } from './dto/join-request.dto';
import { JoinRequestsService } from './join-requests.service';
import { AddMemberDto, CreateTeamDto, MembersQueryDto, TeamQueryDto, UpdateTeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly joinRequests: JoinRequestsService,
  ) {}

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

  @Get('directory')
  @ApiOperation({ summary: '找队伍（招募）：未归档的队伍，离我近的在前；只有队伍信息和我的申请状态，不含队员个人信息' })
  @ApiAnswer('TeamDirectoryEntryDto', { page: true })
  directory(@CurrentUser() user: AuthUser, @Query() q: TeamDirectoryQueryDto) {
    return this.joinRequests.directory(user, q);
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

  @Post(':id/members/by-phone')
  @ApiOperation({ summary: '按完整手机号添加已有志愿者为队员（队长、管理员）；不列出任何陌生人信息' })
  @ApiAnswer('MembershipDto', { status: 201, errors: [404, 409] })
  addByPhone(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: AddMemberByPhoneDto) {
    return this.joinRequests.addByPhone(user, id, dto.phone);
  }

  @Post(':id/join-requests')
  @ApiOperation({ summary: '申请加入队伍（志愿者本人）' })
  @ApiAnswer('JoinRequestDto', { status: 201, errors: [409] })
  requestJoin(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: CreateJoinRequestDto) {
    return this.joinRequests.request(user, id, dto.message);
  }

  @Get(':id/join-requests')
  @ApiOperation({ summary: '入队申请（队长、管理员），待审核的在前' })
  @ApiAnswer('JoinRequestDto', { page: true })
  listJoinRequests(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Query() q: JoinRequestQueryDto) {
    return this.joinRequests.list(user, id, q);
  }

  @Post(':id/join-requests/:requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '通过入队申请：成为队员（重复通过幂等）' })
  @ApiAnswer('JoinRequestDto', { errors: [409] })
  approve(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Param('requestId', UUID_PIPE) requestId: string) {
    return this.joinRequests.decide(user, id, requestId, 'approved');
  }

  @Post(':id/join-requests/:requestId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '不通过入队申请（重复操作幂等）' })
  @ApiAnswer('JoinRequestDto', { errors: [409] })
  decline(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Param('requestId', UUID_PIPE) requestId: string) {
    return this.joinRequests.decide(user, id, requestId, 'declined');
  }
}
