import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NoticeKind } from '@wenming/shared';
import { mutateReturning, selectCount, selectOne, selectRows } from '../../database/sql';

export interface NoticeRow {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** What one notice says (the same for every recipient). */
export interface NoticeContent {
  kind: NoticeKind;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string | null;
}

/** Recipients: a SELECT of user ids over the parameters `params` ($1…). */
interface Recipients {
  sql: string;
  params: unknown[];
}

const RECIPIENTS = {
  users: (ids: string[]): Recipients => ({ sql: `SELECT id FROM users WHERE id = ANY($1::uuid[])`, params: [ids] }),
  volunteers: (ids: string[]): Recipients => ({ sql: `SELECT id FROM users WHERE volunteer_id = ANY($1::uuid[])`, params: [ids] }),
  teamLeaders: (teamId: string): Recipients => ({
    sql: `SELECT u.id FROM team_memberships m JOIN users u ON u.volunteer_id = m.volunteer_id WHERE m.team_id = $1 AND m.role = 'leader'`,
    params: [teamId],
  }),
  siteAdmins: (siteId: string): Recipients => ({
    sql: `WITH RECURSIVE up AS (SELECT id, parent_id FROM sites WHERE id = $1
                              UNION ALL SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id)
       SELECT u.id FROM users u WHERE u.role = 'site_admin' AND u.site_id IN (SELECT id FROM up)`,
    params: [siteId],
  }),
};

/** All SQL of 站内消息 (notices). Writers pass the EntityManager of the change that causes the notice. */
@Injectable()
export class NoticesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** One notice per login of the listed users; answers how many were written (a dedupe key writes at most once per login). */
  insertForUsers(em: EntityManager, userIds: string[], n: NoticeContent): Promise<number> {
    return this.insert(em, RECIPIENTS.users(userIds), n);
  }

  insertForVolunteers(em: EntityManager, volunteerIds: string[], n: NoticeContent): Promise<number> {
    return this.insert(em, RECIPIENTS.volunteers(volunteerIds), n);
  }

  insertForTeamLeaders(em: EntityManager, teamId: string, n: NoticeContent): Promise<number> {
    return this.insert(em, RECIPIENTS.teamLeaders(teamId), n);
  }

  /** The site admins of a site and of the sites above it (a station's institute). */
  insertForSiteAdmins(em: EntityManager, siteId: string, n: NoticeContent): Promise<number> {
    return this.insert(em, RECIPIENTS.siteAdmins(siteId), n);
  }

  private async insert(em: EntityManager, r: Recipients, n: NoticeContent): Promise<number> {
    const p = r.params.length;
    const rows = await mutateReturning<{ id: string }>(
      em,
      `INSERT INTO notices (user_id, kind, title, body, link, dedupe_key)
       SELECT r.id, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5} FROM (${r.sql}) r
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [...r.params, n.kind, n.title, n.body, n.link, n.dedupeKey],
    );
    return rows.length;
  }

  // ---- the inbox

  /** One page of a login's notices, unread first, newest first; and the total. */
  async page(userId: string, unreadOnly: boolean, page: number, pageSize: number): Promise<{ rows: NoticeRow[]; total: number }> {
    const where = `user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''}`;
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM notices WHERE ${where}`, [userId]);
    const rows = await selectRows<NoticeRow>(
      this.db,
      `SELECT id, kind, title, body, link, created_at, read_at FROM notices WHERE ${where}
        ORDER BY (read_at IS NULL) DESC, created_at DESC, id LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    );
    return { rows, total };
  }

  async countUnread(userId: string): Promise<number> {
    return selectCount(this.db, `SELECT count(*)::int AS n FROM notices WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  }

  async findNotice(id: string): Promise<(NoticeRow & { user_id: string }) | undefined> {
    return selectOne(this.db, `SELECT id, kind, title, body, link, created_at, read_at, user_id FROM notices WHERE id = $1`, [id]);
  }

  async markRead(id: string): Promise<NoticeRow> {
    const [updated] = await mutateReturning<NoticeRow>(
      this.db,
      `UPDATE notices SET read_at = now() WHERE id = $1 RETURNING id, kind, title, body, link, created_at, read_at`,
      [id],
    );
    return updated;
  }

  /** Marks every unread notice of the login read; answers how many. */
  async markAllRead(userId: string): Promise<number> {
    return (await mutateReturning(this.db, `UPDATE notices SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [userId])).length;
  }
}
