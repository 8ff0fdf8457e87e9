import { Injectable } from '@nestjs/common';
import { ORDER_STATUSES, type OrderStatsDto, type OrderStatus, type TeamRatingDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { paginate } from '../../common/dto/pagination.dto';
import { OrderStatsQueryDto, TeamRatingsQueryDto } from './dto/service-order.dto';
import { OrderStatsRepository, type OrderStatsFilter } from './order-stats.repository';
import { assertOrderSiteFilter, orderScopeOf } from './order-scope';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** 点单统计 and 五星队伍, over the orders the caller may see, with the dashboard's filters. */
@Injectable()
export class OrderStatsService {
  constructor(
    private readonly repo: OrderStatsRepository,
    private readonly scope: ScopeService,
  ) {}

  private async filter(user: AuthUser, q: OrderStatsQueryDto): Promise<OrderStatsFilter> {
    await assertOrderSiteFilter(this.scope, user, q.siteId);
    await this.scope.assertTownFilter(user, q.townId);
    return { ...q, scope: await orderScopeOf(this.scope, user) };
  }

  async stats(user: AuthUser, q: OrderStatsQueryDto): Promise<OrderStatsDto> {
    const r = await this.repo.summarise(await this.filter(user, q));
    return {
      byStatus: Object.fromEntries(ORDER_STATUSES.map((s) => [s, Number(r[s])])) as Record<OrderStatus, number>,
      total: Number(r.total),
      overdue: Number(r.overdue),
      averageRating: num(r.average_rating),
      ratedCount: Number(r.rated_count),
      averageHoursToDispatch: num(r.hours_to_dispatch),
      averageHoursToAccept: num(r.hours_to_accept),
    };
  }

  /** 五星队伍: teams by average rating of the orders they served (rated orders in the filter), best first. */
  async teamRatings(user: AuthUser, q: TeamRatingsQueryDto) {
    const rows = await this.repo.teamRatings(await this.filter(user, q), q);
    const items: TeamRatingDto[] = rows.map((r) => ({
      teamId: r.team_id,
      teamName: r.team_name,
      siteId: r.site_id,
      siteName: r.site_name,
      averageRating: Number(r.average_rating),
      ratedCount: r.rated_count,
    }));
    return paginate(items, rows[0]?.n ?? 0, q);
  }
}
