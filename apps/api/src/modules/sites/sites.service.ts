import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import type { SiteLevel } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { regionsOfTownNamed } from '../../common/sql/names';
import { containsPattern, idsOrNone, inTransaction } from '../../database/sql';
import { RegionEntity } from '../regions/region.entity';
import { CreateSiteDto, SiteQueryDto, UpdateSiteDto } from './dto/site.dto';
import { SiteEntity } from './site.entity';
import { toSiteDirectoryEntry, toSiteDto } from './sites.mapper';
import { SitesRepository } from './sites.repository';

const PARENT_LEVEL: Record<SiteLevel, SiteLevel | null> = { center: null, institute: 'center', station: 'institute' };

@Injectable()
export class SitesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sites: SitesRepository,
    private readonly scope: ScopeService,
  ) {}

  private repo() {
    return this.db.getRepository(SiteEntity);
  }

  async list(user: AuthUser, q: SiteQueryDto) {
    await this.scope.assertSiteFilter(user, q.parentId);
    const qb = this.repo().createQueryBuilder('s');
    const scope = await this.scope.adminSiteIds(user);
    if (scope) qb.andWhere('s.id IN (:...scope)', { scope: idsOrNone(scope) });
    if (q.level) qb.andWhere('s.level = :level', { level: q.level });
    if (q.regionId) qb.andWhere('s.region_id = :regionId', { regionId: q.regionId });
    if (q.parentId) qb.andWhere('s.parent_id = :parentId', { parentId: q.parentId });
    if (q.q) {
      const like = containsPattern(q.q);
      // as a clerk searches: the site's name, its address or its town's name (永清镇 → every site of the town)
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('s.name ILIKE :like', { like })
            .orWhere('s.address ILIKE :like', { like })
            .orWhere(`s.region_id IN ${regionsOfTownNamed(':like')}`, { like }),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy("CASE s.level WHEN 'center' THEN 0 WHEN 'institute' THEN 1 ELSE 2 END")
      .addOrderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const names = await this.sites.names(rows.map((r) => r.id));
    return paginate(
      rows.map((s) => toSiteDto(s, names.get(s.id))),
      total,
      q,
    );
  }

  /** One site with its names. */
  private async dto(site: SiteEntity) {
    return toSiteDto(site, (await this.sites.names([site.id])).get(site.id));
  }

  /** Public directory for registration and resident menus: names only, no contacts. */
  async directory(q: SiteQueryDto) {
    const qb = this.repo().createQueryBuilder('s').select(['s.id', 's.name', 's.level', 's.parentId', 's.regionId', 's.address']);
    if (q.level) qb.andWhere('s.level = :level', { level: q.level });
    if (q.parentId) qb.andWhere('s.parent_id = :parentId', { parentId: q.parentId });
    if (q.q) {
      const like = containsPattern(q.q);
      qb.andWhere(new Brackets((w) => w.where('s.name ILIKE :like', { like }).orWhere(`s.region_id IN ${regionsOfTownNamed(':like')}`, { like })));
    }
    const [rows, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const names = await this.sites.names(rows.map((r) => r.id));
    return paginate(
      rows.map((s) => toSiteDirectoryEntry(s, names.get(s.id))),
      total,
      q,
    );
  }

  async get(user: AuthUser, id: string) {
    const site = await this.repo().findOneBy({ id });
    if (!site) throw AppError.notFound('阵地');
    await this.scope.assertSiteInScope(user, id);
    return this.dto(site);
  }

  async create(user: AuthUser, dto: CreateSiteDto) {
    const region = await this.db.getRepository(RegionEntity).findOneBy({ id: dto.regionId });
    if (!region) throw AppError.validation([{ field: 'regionId', message: '所选行政区划不存在' }]);
    const wantParent = PARENT_LEVEL[dto.level];
    if (!wantParent) {
      if (dto.parentId) throw AppError.validation([{ field: 'parentId', message: '实践中心没有上级阵地' }]);
      if (user.role !== 'county_admin') throw AppError.forbidden('只有县文明办可以设立实践中心');
      const existing = await this.repo().countBy({ level: 'center' });
      if (existing > 0) throw AppError.conflict('CENTER_EXISTS', '全县只能有一个新时代文明实践中心');
    } else {
      if (!dto.parentId) throw AppError.validation([{ field: 'parentId', message: `${dto.level === 'institute' ? '实践所' : '实践站'}必须指定上级阵地` }]);
      const parent = await this.repo().findOneBy({ id: dto.parentId });
      if (!parent) throw AppError.validation([{ field: 'parentId', message: '上级阵地不存在' }]);
      if (parent.level !== wantParent) {
        throw AppError.validation([{ field: 'parentId', message: `上级阵地必须是${wantParent === 'center' ? '实践中心' : '实践所'}` }]);
      }
      await this.scope.assertSiteInScope(user, parent.id);
    }
    const saved = await this.repo().save(
      this.repo().create({
        name: dto.name.trim(),
        level: dto.level,
        regionId: dto.regionId,
        parentId: dto.parentId ?? null,
        address: dto.address ?? '',
        contactName: dto.contactName ?? '',
        contactPhone: dto.contactPhone ?? '',
      }),
    );
    return this.dto(saved);
  }

  async update(user: AuthUser, id: string, dto: UpdateSiteDto) {
    const site = await this.repo().findOneBy({ id });
    if (!site) throw AppError.notFound('阵地');
    await this.scope.assertSiteInScope(user, id);
    if (dto.regionId) {
      const region = await this.db.getRepository(RegionEntity).findOneBy({ id: dto.regionId });
      if (!region) throw AppError.validation([{ field: 'regionId', message: '所选行政区划不存在' }]);
    }
    Object.assign(site, {
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.regionId !== undefined ? { regionId: dto.regionId } : {}),
      ...(dto.address !== undefined ? { address: dto.address } : {}),
      ...(dto.contactName !== undefined ? { contactName: dto.contactName } : {}),
      ...(dto.contactPhone !== undefined ? { contactPhone: dto.contactPhone } : {}),
    });
    return this.dto(await this.repo().save(site));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const site = await this.repo().findOneBy({ id });
    if (!site) throw AppError.notFound('阵地');
    await this.scope.assertSiteInScope(user, id);
    if (user.role === 'site_admin' && user.siteId === id) throw AppError.forbidden('不能删除自己所管理的阵地');
    await inTransaction(this.db, async (em) => {
      await this.sites.lockSite(em, id);
      if ((await this.sites.countDependents(em, id)) > 0) throw AppError.conflict('SITE_HAS_CHILDREN');
      try {
        await em.delete(SiteEntity, { id });
      } catch (err) {
        if ((err as { driverError?: { code?: string } }).driverError?.code === '23503') throw AppError.conflict('SITE_HAS_CHILDREN');
        throw err;
      }
    });
  }
}
