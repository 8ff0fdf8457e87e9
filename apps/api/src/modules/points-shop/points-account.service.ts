import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Paginated, PointsAccountDto, PointsEntryKind, PointsLedgerItemDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { PointsLedgerQueryDto } from './dto/points-shop.dto';

/** A hold whose redemption was fulfilled shows as `spent`; every other row keeps its kind. */
const KIND = `(CASE WHEN p.kind = 'held' AND r.status = 'fulfilled' THEN 'spent' ELSE p.kind END)`;

/** The volunteer's points: balance, held, sums by kind, and the ledger history. */
@Injectable()
export class PointsAccountService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  private async volunteer(user: AuthUser, volunteerId: string | null): Promise<{ id: string; name: string }> {
    const id = volunteerId ?? user.volunteerId;
    if (!id) throw AppError.forbidden('该账号不是志愿者账号，没有积分', 'NOT_A_VOLUNTEER');
    const rows: Array<{ id: string; name: string; site_id: string }> = await this.db.query(`SELECT id, name, site_id FROM volunteers WHERE id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('志愿者');
    if (id !== user.volunteerId && !(this.scope.isAdmin(user) && (await this.scope.isSiteInScope(user, rows[0].site_id)))) {
      throw AppError.outOfScope('只能查看本人或本辖区志愿者的积分');
    }
    return rows[0];
  }

  async account(user: AuthUser, volunteerId: string | null): Promise<PointsAccountDto> {
    const v = await this.volunteer(user, volunteerId);
    const [s]: Array<{ balance: number | null; earned: string | null; deeds: string | null; spent: string | null; held: string | null }> = await this.db.query(
      `SELECT (SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1) AS balance,
              sum(p.delta) FILTER (WHERE p.kind IN ('earned', 'adjusted')) AS earned,
              sum(p.delta) FILTER (WHERE p.kind = 'deed') AS deeds,
              -sum(p.delta) FILTER (WHERE ${KIND} = 'spent') AS spent,
              (SELECT sum(points) FROM redemptions WHERE volunteer_id = $1 AND status = 'requested') AS held
         FROM points_ledger p LEFT JOIN redemptions r ON r.id = p.redemption_id
        WHERE p.volunteer_id = $1`,
      [v.id],
    );
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
    const params: unknown[] = [v.id];
    let w = `p.volunteer_id = $1`;
    if (q.kind) {
      params.push(q.kind);
      w += ` AND ${KIND} = $2`;
    }
    const from = `points_ledger p LEFT JOIN redemptions r ON r.id = p.redemption_id`;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${w}`, params);
    const rows: Array<{ id: string; kind: PointsEntryKind; delta: number; balance_after: number; reason: string; attendance_id: string | null; redemption_id: string | null; deed_award_id: string | null; created_at: Date }> =
      await this.db.query(
        `SELECT p.id, ${KIND} AS kind, p.delta, p.balance_after, p.reason, p.attendance_id, p.redemption_id, p.deed_award_id, p.created_at
           FROM ${from} WHERE ${w} ORDER BY p.id DESC LIMIT ${Number(q.pageSize)} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
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
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
