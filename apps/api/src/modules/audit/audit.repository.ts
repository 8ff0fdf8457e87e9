import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { loginJoins, loginNameOf } from '../../common/sql/names';
import { Params, selectCount, selectRows } from '../../database/sql';
import { AuditEntryEntity } from './audit-entry.entity';

/** An audit entry with the actor's name (volunteer name, or role + site). */
export interface AuditEntryRow {
  id: string;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  entity_name: string | null;
  before: unknown;
  after: unknown;
  at: Date;
}

/** All SQL of the audit log (audit_entries). */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Inside the caller's transaction, so the entry and the change land together. */
  async insertEntry(
    em: EntityManager,
    e: { actorUserId: string | null; action: string; entity: string; entityId: string; before: object; after: object },
  ): Promise<void> {
    await em.insert(AuditEntryEntity, e);
  }

  /** Newest first, one page and the total; optionally one entity kind and id. */
  async page(f: { entity?: string; entityId?: string }, page: number, pageSize: number): Promise<{ rows: AuditEntryRow[]; total: number }> {
    const p = new Params();
    const where: string[] = [];
    if (f.entity) where.push(`e.entity = ${p.add(f.entity)}`);
    if (f.entityId) where.push(`e.entity_id = ${p.add(f.entityId)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM audit_entries e ${w}`, p.values);
    const rows = await selectRows<AuditEntryRow>(
      this.db,
      `SELECT e.id, e.actor_user_id, ${loginNameOf('au', 'auv', 'aus')} AS actor_name, e.action, e.entity, e.entity_id,
              CASE WHEN att.id IS NOT NULL THEN concat_ws(' · ', attv.name, atta.title) END AS entity_name,
              e.before, e.after, e.at
           FROM audit_entries e ${loginJoins('e.actor_user_id', 'a')}
           -- an attendance snapshot carries ids only: name the volunteer and the activity (entity_id is text; compare as text)
           LEFT JOIN attendance att ON e.entity = 'attendance' AND att.id::text = e.entity_id
           LEFT JOIN volunteers attv ON attv.id = att.volunteer_id
           LEFT JOIN activities atta ON atta.id = att.activity_id
           ${w}
          ORDER BY e.at DESC, e.id ASC
          LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      p.values,
    );
    return { rows, total };
  }
}
