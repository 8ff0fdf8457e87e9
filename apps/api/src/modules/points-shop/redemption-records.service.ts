import { Injectable } from '@nestjs/common';
import { REDEMPTION_STATUS_LABELS, shanghaiDate, type Paginated, type RedemptionDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { RedemptionExportQueryDto, RedemptionQueryDto } from './dto/points-shop.dto';
import { toRedemptionDto } from './redemptions.mapper';
import { RedemptionsRepository, type RedemptionFilter } from './redemptions.repository';

/** The redemption records: the volunteer's own, the staff's pickup list in their scope, and its export. */
@Injectable()
export class RedemptionRecordsService {
  constructor(
    private readonly repo: RedemptionsRepository,
    private readonly scope: ScopeService,
  ) {}

  async mine(user: AuthUser, q: RedemptionQueryDto): Promise<Paginated<RedemptionDto>> {
    if (!user.volunteerId) throw AppError.forbidden('该账号不是志愿者账号', 'NOT_A_VOLUNTEER');
    return this.page(q, { volunteerId: user.volunteerId });
  }

  async list(user: AuthUser, q: RedemptionQueryDto): Promise<Paginated<RedemptionDto>> {
    return this.page(q, { siteIds: await this.staffSites(user, q) });
  }

  async exportFile(user: AuthUser, q: RedemptionExportQueryDto): Promise<TableFile> {
    const siteIds = await this.staffSites(user, q);
    const rows = await this.repo.exportRows({ siteIds, status: q.status, from: q.from, to: q.to, q: q.q });
    const site = q.siteId ? await this.repo.siteName(q.siteId) : '';
    return tableFile(q.format, {
      title: '积分超市兑换记录',
      filter: `筛选条件：${[site && `阵地：${site}（含下级）`, q.status && `状态：${REDEMPTION_STATUS_LABELS[q.status]}`, (q.from || q.to) && `申请日期：${q.from ?? '最早'} 至 ${q.to ?? '最近'}`].filter(Boolean).join('；') || '全部'}；手机号已脱敏`,
      header: ['申请时间', '志愿者', '手机号', '商品', '积分', '领取阵地', '状态', '领取时间', '经办人', '过期/取消时间', '取消原因'],
      rows: rows.map((r) => {
        const d = toRedemptionDto(r);
        const t = (x: string | null) => (x ? `${shanghaiDate(x)} ${new Date(new Date(x).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}` : '');
        return [
          t(d.requestedAt),
          d.volunteerName,
          d.volunteerPhone ?? '',
          d.goodsName,
          d.points,
          d.siteName,
          REDEMPTION_STATUS_LABELS[d.status],
          t(d.fulfilledAt),
          d.fulfilledByName ?? '',
          t(d.closedAt),
          d.cancelReason ?? '',
        ];
      }),
      fileName: `积分兑换记录${q.from || q.to ? `_${q.from ?? ''}至${q.to ?? ''}` : ''}`,
      asciiName: `wenming-redemptions${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`,
    });
  }

  /** Staff: the sites in their scope (null = all); a siteId narrows to that site and below. */
  private async staffSites(user: AuthUser, q: RedemptionQueryDto): Promise<string[] | null> {
    if (!this.scope.isAdmin(user)) throw AppError.forbidden('只有管理员可以查看兑换记录');
    let sites = await this.scope.adminSiteIds(user);
    if (q.siteId) {
      if (!(await this.scope.isSiteInScope(user, q.siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
      sites = await this.scope.subtree(q.siteId);
    }
    return sites;
  }

  private async page(q: RedemptionQueryDto, scope: Pick<RedemptionFilter, 'volunteerId' | 'siteIds'>): Promise<Paginated<RedemptionDto>> {
    const { total, rows } = await this.repo.page({ ...scope, status: q.status, from: q.from, to: q.to, q: q.q }, q.page, q.pageSize);
    return { items: rows.map(toRedemptionDto), total, page: q.page, pageSize: q.pageSize };
  }
}
