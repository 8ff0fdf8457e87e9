import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryDto, Paginated } from '@wenming/shared';
import { AuditRepository } from './audit.repository';

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
  private readonly repo: AuditRepository;

  constructor(@Inject(DataSource) db: DataSource, @Optional() repo?: AuditRepository) {
    this.repo = repo ?? new AuditRepository(db); // the CLI builds this service by hand (database/cli.ts)
  }

  /** Record a change inside the caller's transaction, so the entry and the change land together. */
  async record(em: EntityManager, input: AuditInput): Promise<void> {
    await this.repo.insertEntry(em, {
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
    const { rows, total } = await this.repo.page(q, q.page, q.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        entityName: r.entity_name,
        before: r.before,
        after: r.after,
        at: new Date(r.at).toISOString(),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
