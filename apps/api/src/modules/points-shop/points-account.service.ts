import { Injectable } from '@nestjs/common';
import type { Paginated, PointsAccountDto, PointsLedgerItemDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { PointsLedgerQueryDto } from './dto/points-shop.dto';
import { PointsLedgerRepository, type PointsHolderRow } from './points-ledger.repository';

/** The volunteer's points: balance, held, sums by kind, and the ledger history. */
@Injectable()
export class PointsAccountService {
  constructor(
    private readonly repo: PointsLedgerRepository,
    private readonly scope: ScopeService,
  ) {}

  private async volunteer(user: AuthUser, volunteerId: string | null): Promise<PointsHolderRow> {
    const id = volunteerId ?? user.volunteerId;
    if (!id) throw AppError.forbidden('该账号不是志愿者账号，没有积分', 'NOT_A_VOLUNTEER');
    const v = await this.repo.findHolder(id);
    if (!v) throw AppError.notFound('志愿者');
    if (id !== user.volunteerId && !(this.scope.isAdmin(user) && (await this.scope.isSiteInScope(user, v.site_id)))) {
      throw AppError.outOfScope('只能查看本人或本辖区志愿者的积分');
    }
    return v;
  }

  async account(user: AuthUser, volunteerId: string | null): Promise<PointsAccountDto> {
    const v = await this.volunteer(user, volunteerId);
    const s = await this.repo.accountSums(v.id);
    return {
      volunteerId: v.id,
      volunteerName: v.name,
      balance: Number(s.balance ?? 0),
      held: Number(s.held ?? 0),
      earned: Number(s.earned ?? 0),
      deeds: Number(s.deeds ?? 0),
      spent: Number(s.spent ?? 0),
    };
  }

  async ledger(user: AuthUser, volunteerId: string | null, q: PointsLedgerQueryDto): Promise<Paginated<PointsLedgerItemDto>> {
    const v = await this.volunteer(user, volunteerId);
    const { total, rows } = await this.repo.ledgerPage(v.id, q.kind, q.page, q.pageSize);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        volunteerId: v.id,
        kind: r.kind,
        delta: Number(r.delta),
        balanceAfter: Number(r.balance_after),
        reason: r.reason,
        attendanceId: r.attendance_id,
        redemptionId: r.redemption_id,
        deedAwardId: r.deed_award_id,
        createdAt: new Date(r.created_at).toISOString(),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
