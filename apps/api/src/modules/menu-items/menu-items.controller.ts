import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateMenuItemDto, MenuItemQueryDto, UpdateMenuItemDto } from './dto/menu-item.dto';
import { MenuItemsService } from './menu-items.service';
import { ApiAnswer } from '../../openapi/api-answer';

@ApiTags('menu-items')
@Controller('menu-items')
export class MenuItemsController {
  constructor(private readonly items: MenuItemsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '服务菜单（公开）：?siteId 给出该站点的菜单，含全县通用项目；默认只含上架项目' })
  @ApiAnswer('MenuItemDto', { page: true, errors: [403] })
  list(@OptionalUser() user: AuthUser | undefined, @Query() q: MenuItemQueryDto) {
    return this.items.list(user, q);
  }

  @Post()
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '新建服务项目（站点项目：管理该站点的管理员；全县通用：县文明办）' })
  @ApiAnswer('MenuItemDto', { status: 201 })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMenuItemDto) {
    return this.items.create(user, dto);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '修改服务项目（名称、类别、说明、提供队伍、上下架）' })
  @ApiAnswer('MenuItemDto')
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateMenuItemDto) {
    return this.items.update(user, id, dto);
  }

  @Delete(':id')
  @ApiBearerAuth()
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '删除服务项目；已有点单引用时改为下架（deleted=false, active=false）' })
  @ApiAnswer('DeleteMenuItemResponse')
  remove(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.items.remove(user, id);
  }
}
