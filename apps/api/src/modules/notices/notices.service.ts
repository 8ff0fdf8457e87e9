import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NoticeDto, NoticeKind, Paginated, ReadAllResponse, UnreadCountDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { NoticesRepository, type NoticeContent, type NoticeRow } from './notices.repository';

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
  link?: string | null;
  /** with a key, a login gets the notice at most once (e.g. the reminder of one activity) */
  dedupeKey?: string | null;
}

/** The stored form: title cut to 200 characters, absent link and key as NULL. */
const content = (n: NoticeInput): NoticeContent => ({ kind: n.kind, title: n.title.slice(0, 200), body: n.body, link: n.link ?? null, dedupeKey: n.dedupeKey ?? null });

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
  private readonly repo: NoticesRepository;

  constructor(@Inject(DataSource) db: DataSource, @Optional() repo?: NoticesRepository) {
    this.repo = repo ?? new NoticesRepository(db); // the CLI builds this service by hand (database/cli.ts)
  }

  /** One notice per login of the listed users; returns how many were written. */
  async toUsers(em: EntityManager, userIds: string[], n: NoticeInput): Promise<number> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return 0;
    return this.repo.insertForUsers(em, ids, content(n));
  }

  /** One notice per login of the listed volunteers. */
  async toVolunteers(em: EntityManager, volunteerIds: string[], n: NoticeInput): Promise<number> {
    const ids = [...new Set(volunteerIds)];
    if (!ids.length) return 0;
    return this.repo.insertForVolunteers(em, ids, content(n));
  }

  /** The leaders of a team (their logins). */
  async toTeamLeaders(em: EntityManager, teamId: string, n: NoticeInput): Promise<number> {
    return this.repo.insertForTeamLeaders(em, teamId, content(n));
  }

  /** The site admins of a site and of the sites above it (a station's institute). */
  async toSiteAdmins(em: EntityManager, siteId: string, n: NoticeInput): Promise<number> {
    return this.repo.insertForSiteAdmins(em, siteId, content(n));
  }

  // ---- the inbox

  async list(user: AuthUser, q: { unread?: boolean; page: number; pageSize: number }): Promise<Paginated<NoticeDto>> {
    const { rows, total } = await this.repo.page(user.id, !!q.unread, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  async unreadCount(user: AuthUser): Promise<UnreadCountDto> {
    return { count: await this.repo.countUnread(user.id) };
  }

  async markRead(user: AuthUser, id: string): Promise<NoticeDto> {
    const row = await this.repo.findNotice(id);
    if (!row) throw AppError.notFound('消息');
    if (row.user_id !== user.id) throw AppError.forbidden('只能标记自己的消息');
    if (row.read_at) return toDto(row); // idempotent
    return toDto(await this.repo.markRead(id));
  }

  async readAll(user: AuthUser): Promise<ReadAllResponse> {
    return { updated: await this.repo.markAllRead(user.id) };
  }
}
