import { useMemo, useState } from 'react';
import { Button, DatePicker, Flex, Select } from 'antd';
import type { ActivityCategory, ActivityKind, SiteDto, StatsFilter, TeamType } from '@wenming/shared';
import { useTowns, teamTypeOptions } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { dayjs, pickerToDate, type Dayjs } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, SITE_LEVEL_LABELS, TEAM_TYPE_LABELS, t } from '@/lib/i18n';
import { useScopedSites, useScopedTeams } from '../api/stats-api';

/**
 * Towns a caller may filter by: the county admin (or anyone whose scope includes a county-level site) every town;
 * a site admin only the towns of the sites in their scope (so no choice answers 403).
 */
export function scopedTownOptions(countyWide: boolean, allTowns: Array<{ id: string; name: string }>, sites: SiteDto[]) {
  if (countyWide || sites.some((s) => s.townId === null)) return allTowns.map((r) => ({ value: r.id, label: r.name }));
  const seen = new Map<string, string>();
  for (const s of sites) if (s.townId && !seen.has(s.townId)) seen.set(s.townId, s.townName ?? s.name);
  const order = new Map(allTowns.map((r, i) => [r.id, i]));
  return [...seen].sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0)).map(([value, label]) => ({ value, label }));
}

const narrow = { style: { width: 140 } } as const;
// every option in the DOM (a county has ≤ a few hundred sites/teams): searchable and testable, no virtual list
const plain = { virtual: false } as const;

export function StatsFilters({ value, onChange, countyWide }: { value: StatsFilter; onChange: (f: StatsFilter) => void; countyWide: boolean }) {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(
    value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null,
  );
  const towns = useTowns();
  const sites = useScopedSites();
  const teams = useScopedTeams();
  const set = (patch: Partial<StatsFilter>) => onChange({ ...value, ...patch });

  const townOptions = useMemo(() => scopedTownOptions(countyWide, towns.data ?? [], sites.data ?? []), [countyWide, towns.data, sites.data]);
  const townName = townOptions.find((o) => o.value === value.townId)?.label;
  const siteOptions = useMemo(
    () => (sites.data ?? []).filter((s) => !value.townId || s.townId === value.townId).map((s) => ({ value: s.id, label: `${s.name}（${SITE_LEVEL_LABELS[s.level]}）` })),
    [sites.data, value.townId],
  );
  const teamOptions = useMemo(
    () =>
      (teams.data ?? [])
        .filter((tm) => !tm.archived || tm.id === value.teamId)
        .filter((tm) => !value.townId || tm.townName === townName)
        .filter((tm) => !value.teamType || tm.type === value.teamType)
        .map((tm) => ({ value: tm.id, label: `${tm.name}（${TEAM_TYPE_LABELS[tm.type]}）` })),
    [teams.data, value.townId, value.teamId, value.teamType, townName],
  );

  return (
    <Flex wrap gap={8} className="stats-filters">
      <DatePicker.RangePicker
        aria-label={t.common.dateRange}
        allowEmpty={[true, true]}
        value={range}
        presets={[
          { label: t.dashboard.presetThisYear, value: [dayjs().startOf('year'), dayjs()] },
          { label: t.dashboard.presetLastYear, value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
          { label: t.dashboard.presetLast30Days, value: [dayjs().subtract(29, 'day'), dayjs()] },
        ]}
        onChange={(v) => {
          setRange(v);
          set({ from: pickerToDate(v?.[0]), to: pickerToDate(v?.[1]) });
        }}
      />
      <Select<string>
        aria-label={t.dashboard.town}
        placeholder={t.dashboard.town}
        allowClear
        {...plain}
        showSearch={{ optionFilterProp: 'label' }}
        loading={towns.isPending || sites.isPending}
        {...narrow}
        value={value.townId}
        options={townOptions}
        // a new town drops a site/team chosen in another town
        onChange={(v) => set({ townId: v, siteId: undefined, teamId: undefined })}
      />
      <Select<string>
        aria-label="阵地"
        placeholder="阵地"
        allowClear
        {...plain}
        showSearch={{ optionFilterProp: 'label' }}
        loading={sites.isPending}
        style={{ width: 200 }}
        popupMatchSelectWidth={false}
        value={value.siteId}
        options={siteOptions}
        onChange={(v) => set({ siteId: v })}
      />
      <Select<string>
        aria-label="队伍"
        placeholder="队伍"
        allowClear
        {...plain}
        showSearch={{ optionFilterProp: 'label' }}
        loading={teams.isPending}
        style={{ width: 200 }}
        popupMatchSelectWidth={false}
        value={value.teamId}
        options={teamOptions}
        onChange={(v) => set({ teamId: v })}
      />
      <Select<TeamType>
        aria-label={t.dashboard.teamType}
        placeholder={t.dashboard.teamType}
        allowClear
        {...plain}
        {...narrow}
        value={value.teamType}
        options={teamTypeOptions()}
        onChange={(v) => set({ teamType: v })}
      />
      <Select<ActivityCategory>
        aria-label={t.dashboard.category}
        placeholder={t.dashboard.category}
        allowClear
        {...plain}
        {...narrow}
        value={value.category}
        options={optionsOf(ACTIVITY_CATEGORY_LABELS)}
        onChange={(v) => set({ category: v })}
      />
      <Select<ActivityKind>
        aria-label={t.dashboard.kind}
        placeholder={t.dashboard.kind}
        allowClear
        {...plain}
        {...narrow}
        value={value.kind}
        options={optionsOf(ACTIVITY_KIND_LABELS)}
        onChange={(v) => set({ kind: v })}
      />
      <Button
        onClick={() => {
          setRange(null);
          onChange({});
        }}
      >
        {t.common.reset}
      </Button>
    </Flex>
  );
}
