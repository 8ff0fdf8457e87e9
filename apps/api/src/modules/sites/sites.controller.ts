import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateSiteDto, SiteQueryDto, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get('directory')
  @Public()
  @ApiOperation({ summary: '阵地名录（公开：注册选站点、居民点单）' })
  @ApiAnswer('SiteDirectoryEntryDto', { page: true })
  directory(@Query() q: SiteQueryDto) {
    return this.sites.directory(q);
  }

  @Get()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '阵地列表（管理员，范围内）' })
  @ApiAnswer('SiteDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: SiteQueryDto) {
    return this.sites.list(user, q);
  }

  @Post()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '新建阵地' })
  @ApiAnswer('SiteDto', { status: 201, errors: [409] })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSiteDto) {
    return this.sites.create(user, dto);
  }

  @Get(':id')
  @Roles('county_admin', 'site_admin')
  @ApiAnswer('SiteDto')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.sites.get(user, id);
  }

  @Patch(':id')
  @Roles('county_admin', 'site_admin')
  @ApiAnswer('SiteDto', { errors: [409] })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('county_admin', 'site_admin')
  @ApiNoContent({ errors: [409] })
  remove(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.sites.remove(user, id);
  }
}
