import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryDto, Paginated } from '@wenming/shared';
import { loginJoins, loginNameOf } from '../../common/sql/names';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

@Injectable()
export class AuditService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Record a change inside the caller's transaction, so the entry and the change land together. */
  async record(em: EntityManager, input: AuditInput): Promise<void> {
    await em.insert(AuditEntryEntity, {
      actorUserId: input.actorUserId,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      before: (input.before ?? null) as object,
      after: (input.after ?? null) as object,
    });
  }

  /** Newest first, each entry with the actor's name (volunteer name, or role + site), resolved by joins. */
  async list(q: { entity?: string; entityId?: string; page: number; pageSize: number }): Promise<Paginated<AuditEntryDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.entity) {
      params.push(q.entity);
      where.push(`e.entity = $${params.length}`);
    }
    if (q.entityId) {
      params.push(q.entityId);
      where.push(`e.entity_id = $${params.length}`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM audit_entries e ${w}`, params);
    const rows: Array<{ id: string; actor_user_id: string | null; actor_name: string | null; action: string; entity: string; entity_id: string; before: unknown; after: unknown; at: Date }> =
      await this.db.query(
        `SELECT e.id, e.actor_user_id, ${loginNameOf('au', 'auv', 'aus')} AS actor_name, e.action, e.entity, e.entity_id, e.before, e.after, e.at
           FROM audit_entries e ${loginJoins('e.actor_user_id', 'a')}
           ${w}
          ORDER BY e.at DESC, e.id ASC
          LIMIT ${Number(q.pageSize)} OFFSET ${(Number(q.page) - 1) * Number(q.pageSize)}`,
        params,
      );
    return {
      items: rows.map((r) => ({
        id: r.id,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        at: new Date(r.at).toISOString(),
      })),
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
