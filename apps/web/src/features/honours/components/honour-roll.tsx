import { Flex, Select, Tag, Typography } from 'antd';
import { TrophyFilled } from '@ant-design/icons';
import type { PublicHonourDto } from '@wenming/shared';
import { HONOUR_SUBJECT_LABELS } from '@wenming/shared';
import { Panel } from '@/components/ui/panel';
import { EmptyState, QueryView } from '@/components/ui/states';
import { fmt, t } from '@/lib/i18n';
import { usePublicHonours } from '../api/honours-api';

/** Approved honours grouped by town, newest year first. Towns come from the honours themselves (no login needed). */
export function groupByTown(items: PublicHonourDto[]): Array<{ town: string; townId: string | null; items: PublicHonourDto[] }> {
  const groups = new Map<string, { town: string; townId: string | null; items: PublicHonourDto[] }>();
  for (const h of items) {
    const key = h.townId ?? '';
    const g = groups.get(key) ?? { town: h.townName ?? t.honours.countyLevel, townId: h.townId, items: [] };
    g.items.push(h);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'zh-CN')) }))
    .sort((a, b) => (a.townId === null ? -1 : b.townId === null ? 1 : a.town.localeCompare(b.town, 'zh-CN')));
}

export function HonourRoll({ townId, onTownChange }: { townId?: string; onTownChange: (id: string | undefined) => void }) {
  const all = usePublicHonours();
  const groups = groupByTown(all.data ?? []);
  const shown = townId ? groups.filter((g) => g.townId === townId) : groups;
  return (
    <QueryView query={all} isEmpty={(d) => d.length === 0} empty={<EmptyState description={t.honours.empty} />}>
      {() => (
        <Flex vertical gap={12}>
          <Select<string>
            allowClear
            aria-label={t.honours.chooseTown}
            placeholder={t.honours.allTowns}
            value={townId}
            onChange={(v) => onTownChange(v)}
            options={groups.filter((g) => g.townId).map((g) => ({ value: g.townId!, label: `${g.town}（${g.items.length}）` }))}
          />
          {shown.map((g) => (
            <Panel key={g.townId ?? 'county'} size="small" aria-label={g.town} title={g.town} extra={fmt(t.honours.countN, { n: g.items.length })}>
              <Flex vertical gap={10}>
                {g.items.map((h) => (
                  <Flex key={h.id} gap={10} align="center">
                    <TrophyFilled style={{ color: '#d4a017', fontSize: 20 }} />
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{h.name}</Typography.Text> <Tag style={{ marginInlineStart: 4 }}>{HONOUR_SUBJECT_LABELS[h.subject]}</Tag>
                      <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
                        {h.year} {t.honours.yearSuffix} · {h.title}
                      </div>
                    </div>
                  </Flex>
                ))}
              </Flex>
            </Panel>
          ))}
        </Flex>
      )}
    </QueryView>
  );
}
