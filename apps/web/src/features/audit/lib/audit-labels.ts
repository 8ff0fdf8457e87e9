import { AUDIT_ENTITY_LABELS, auditActionLabel, type AuditEntryDto } from '@wenming/shared';

/** Keys of an audit snapshot that name the changed thing (a title, a person, a login), in order of preference. */
const NAME_KEYS = ['title', 'name', 'volunteerName', 'menuItemTitle', 'teamName', 'siteName', 'phone'] as const;

function nameIn(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  const o = snapshot as Record<string, unknown>;
  for (const k of NAME_KEYS) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

/**
 * The changed object as a person reads it: "活动：周五志愿服务日", "考勤：李秀兰 · 周五志愿服务日" (named by the API),
 * or just "考勤" when nothing names it.
 */
export function auditObjectText(e: Pick<AuditEntryDto, 'entity' | 'before' | 'after'> & { entityName?: string | null }): string {
  const label = AUDIT_ENTITY_LABELS[e.entity] ?? e.entity;
  const name = e.entityName?.trim() || nameIn(e.after) || nameIn(e.before);
  return name ? `${label}：${name}` : label;
}

export const auditActionText = (action: string) => auditActionLabel(action);
