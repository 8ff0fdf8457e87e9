import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeleteMenuItemResponse, MenuItemDto, MenuItemTeamDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { paginate } from '../../common/dto/pagination.dto';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { CreateMenuItemDto, MenuItemQueryDto, UpdateMenuItemDto } from './dto/menu-item.dto';
import { MenuItemEntity } from './menu-item.entity';
import { toMenuItemDto } from './menu-items.mapper';
import { MenuItemsRepository } from './menu-items.repository';

@Injectable()
export class MenuItemsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: MenuItemsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Public menu. With siteId: that site's own items plus the county-wide ones. */
  async list(user: AuthUser | undefined, q: MenuItemQueryDto) {
    if (q.includeInactive && !(user && this.scope.isAdmin(user))) {
      throw AppError.forbidden('只有管理员可以查看已下架的服务项目');
    }
    const { rows, total } = await this.repo.page({ siteId: q.siteId, category: q.category, includeInactive: !!q.includeInactive, page: q.page, pageSize: q.pageSize });
    return paginate(await this.toDtos(this.db.manager, rows), total, q);
  }

  async create(user: AuthUser, dto: CreateMenuItemDto): Promise<MenuItemDto> {
    const siteId = dto.siteId ?? null;
    await this.assertCanManage(user, siteId);
    return inTransaction(this.db, async (em) => {
      await this.assertTeams(user, dto.teamIds, em);
      const repo = em.getRepository(MenuItemEntity);
      const saved = await repo.save(
        repo.create({
          siteId,
          title: dto.title.trim(),
          category: dto.category,
          description: dto.description ?? '',
          active: dto.active ?? true,
          createdBy: user.id,
        }),
      );
      await this.repo.setTeams(em, saved.id, [...new Set(dto.teamIds)], false);
      const [out] = await this.toDtos(em, [saved]);
      await this.audit.record(em, { actorUserId: user.id, action: 'menu_item.create', entity: 'menu_item', entityId: saved.id, after: out });
      return out;
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateMenuItemDto): Promise<MenuItemDto> {
    return inTransaction(this.db, async (em) => {
      const item = await this.repo.lockItem(em, id);
      if (!item) throw AppError.notFound('服务项目');
      await this.assertCanManage(user, item.siteId, em);
      const [before] = await this.toDtos(em, [item]);
      if (dto.title !== undefined) item.title = dto.title.trim();
      if (dto.category !== undefined) item.category = dto.category;
      if (dto.description !== undefined) item.description = dto.description;
      if (dto.active !== undefined) item.active = dto.active;
      item.updatedAt = new Date();
      await em.save(item);
      if (dto.teamIds) {
        await this.assertTeams(user, dto.teamIds, em);
        await this.repo.setTeams(em, id, [...new Set(dto.teamIds)], true);
      }
      const [after] = await this.toDtos(em, [item]);
      await this.audit.record(em, { actorUserId: user.id, action: 'menu_item.update', entity: 'menu_item', entityId: id, before, after });
      return after;
    });
  }

  /** Delete an item no order refers to; an item with orders is deactivated instead (its orders keep their history). */
  async remove(user: AuthUser, id: string): Promise<DeleteMenuItemResponse> {
    return inTransaction(this.db, async (em) => {
      const item = await this.repo.lockItem(em, id);
      if (!item) throw AppError.notFound('服务项目');
      await this.assertCanManage(user, item.siteId, em);
      // the row lock above makes a concurrent order (its FK check takes a KEY SHARE lock) wait for us
      if (await this.repo.hasOrders(em, id)) {
        await em.update(MenuItemEntity, { id }, { active: false, updatedAt: new Date() });
        await this.audit.record(em, {
          actorUserId: user.id,
          action: 'menu_item.deactivate',
          entity: 'menu_item',
          entityId: id,
          before: { active: item.active },
          after: { active: false },
        });
        return { id, deleted: false, active: false };
      }
      await em.delete(MenuItemEntity, { id }); // menu_item_teams cascade
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'menu_item.delete',
        entity: 'menu_item',
        entityId: id,
        before: { title: item.title, siteId: item.siteId },
      });
      return { id, deleted: true, active: false };
    });
  }

  /** County-wide items: county admin only. Station items: admins whose subtree holds the station. */
  private async assertCanManage(user: AuthUser, siteId: string | null, em: EntityManager = this.db.manager): Promise<void> {
    if (siteId === null) {
      if (user.role !== 'county_admin') throw AppError.forbidden('全县通用的服务项目只能由县文明办管理', 'OUT_OF_SCOPE');
      return;
    }
    const level = await this.repo.siteLevel(em, siteId);
    if (!level) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
    if (level !== 'station') throw AppError.validation([{ field: 'siteId', message: '服务菜单按实践站设置，请选择实践站（全县通用项目不填站点）' }]);
    await this.scope.assertSiteInScope(user, siteId, em);
  }

  /** Teams must exist, not be archived, and belong to the caller's scope. */
  private async assertTeams(user: AuthUser, teamIds: string[], em: EntityManager): Promise<void> {
    const ids = [...new Set(teamIds)];
    const rows = await this.repo.findTeams(em, ids);
    if (rows.length !== ids.length) throw AppError.validation([{ field: 'teamIds', message: '所选队伍中有不存在的队伍' }]);
    if (rows.some((r) => r.archived)) throw AppError.validation([{ field: 'teamIds', message: '不能选择已归档的队伍' }]);
    const scope = await this.scope.adminSiteIds(user, em);
    if (scope && rows.some((r) => !scope.includes(r.site_id))) throw AppError.outOfScope('所选队伍不在您的管理范围内');
  }

  private async toDtos(em: EntityManager, items: MenuItemEntity[]): Promise<MenuItemDto[]> {
    if (!items.length) return [];
    const ids = items.map((i) => i.id);
    const teams = await this.repo.teamsOfItems(em, ids);
    const siteName = await this.repo.siteNames(em, [...new Set(items.map((i) => i.siteId).filter((s): s is string => !!s))]);
    const byItem = new Map<string, MenuItemTeamDto[]>();
    for (const t of teams) {
      if (!byItem.has(t.menu_item_id)) byItem.set(t.menu_item_id, []);
      byItem.get(t.menu_item_id)!.push({ id: t.id, name: t.name });
    }
    return items.map((i) => toMenuItemDto(i, i.siteId ? (siteName.get(i.siteId) ?? null) : null, byItem.get(i.id) ?? []));
  }
}
