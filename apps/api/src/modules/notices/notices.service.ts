import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NoticeDto, NoticeKind, Paginated, ReadAllResponse, UnreadCountDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { returnedRows } from '../../common/sql/returned';

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
  link?: string | null;
  /** with a key, a login gets the notice at most once (e.g. the reminder of one activity) */
  dedupeKey?: string | null;
}

interface NoticeRow {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

const toDto = (r: NoticeRow): NoticeDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/**
 * 站内消息. Writers take the EntityManager of the change that causes the notice, so the notice commits or rolls
 * back with it (an outbox: nothing is sent for a change that did not happen). Volunteers without a login get none.
 */
@Injectable()
export class NoticesService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** One notice per login of the listed users; returns how many were written. */
  async toUsers(em: EntityManager, userIds: string[], n: NoticeInput): Promise<number> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return 0;
    return this.insert(em, `SELECT id FROM users WHERE id = ANY($1::uuid[])`, [ids], n);
  }

  /** One notice per login of the listed volunteers. */
  async toVolunteers(em: EntityManager, volunteerIds: string[], n: NoticeInput): Promise<number> {
    const ids = [...new Set(volunteerIds)];
    if (!ids.length) return 0;
    return this.insert(em, `SELECT id FROM users WHERE volunteer_id = ANY($1::uuid[])`, [ids], n);
  }

  /** The leaders of a team (their logins). */
  async toTeamLeaders(em: EntityManager, teamId: string, n: NoticeInput): Promise<number> {
    return this.insert(
      em,
      `SELECT u.id FROM team_memberships m JOIN users u ON u.volunteer_id = m.volunteer_id WHERE m.team_id = $1 AND m.role = 'leader'`,
      [teamId],
      n,
    );
  }

  /** The site admins of a site and of the sites above it (a station's institute). */
  async toSiteAdmins(em: EntityManager, siteId: string, n: NoticeInput): Promise<number> {
    return this.insert(
      em,
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM sites WHERE id = $1
                              UNION ALL SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id)
       SELECT u.id FROM users u WHERE u.role = 'site_admin' AND u.site_id IN (SELECT id FROM up)`,
      [siteId],
      n,
    );
  }

  private async insert(em: EntityManager, recipients: string, params: unknown[], n: NoticeInput): Promise<number> {
    const p = params.length;
    const rows = returnedRows(await em.query(
      `INSERT INTO notices (user_id, kind, title, body, link, dedupe_key)
       SELECT r.id, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5} FROM (${recipients}) r
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [...params, n.kind, n.title.slice(0, 200), n.body, n.link ?? null, n.dedupeKey ?? null],
    ));
    return rows.length;
  }

  // ---- the inbox

  async list(user: AuthUser, q: { unread?: boolean; page: number; pageSize: number }): Promise<Paginated<NoticeDto>> {
    const where = `user_id = $1 ${q.unread ? 'AND read_at IS NULL' : ''}`;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM notices WHERE ${where}`, [user.id]);
    const rows: NoticeRow[] = await this.db.query(
      `SELECT id, kind, title, body, link, created_at, read_at FROM notices WHERE ${where}
        ORDER BY (read_at IS NULL) DESC, created_at DESC, id LIMIT $2 OFFSET $3`,
      [user.id, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toDto), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async unreadCount(user: AuthUser): Promise<UnreadCountDto> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM notices WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    return { count: Number(n) };
  }

  async markRead(user: AuthUser, id: string): Promise<NoticeDto> {
    const rows: NoticeRow[] = await this.db.query(`SELECT id, kind, title, body, link, created_at, read_at, user_id FROM notices WHERE id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('消息');
    if ((rows[0] as NoticeRow & { user_id: string }).user_id !== user.id) throw AppError.forbidden('只能标记自己的消息');
    if (rows[0].read_at) return toDto(rows[0]); // idempotent
    const [updated] = returnedRows<NoticeRow>(
      await this.db.query(`UPDATE notices SET read_at = now() WHERE id = $1 RETURNING id, kind, title, body, link, created_at, read_at`, [id]),
    );
    return toDto(updated);
  }

  async readAll(user: AuthUser): Promise<ReadAllResponse> {
    const rows = returnedRows(await this.db.query(`UPDATE notices SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [user.id]));
    return { updated: rows.length };
  }
}
