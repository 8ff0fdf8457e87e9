/**
 * Lookups shared by several features (register, filters, forms). They read the API's
 * list endpoints directly so features do not need to import each other.
 */
import type { Paginated, RegionDto, SiteDirectoryEntryDto, SiteDto, SiteLevel, TeamDto, TeamType, VolunteerDto } from '@wenming/shared';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, type SelectProps } from 'antd';
import { api } from '@/lib/api-client';
import { SITE_LEVEL_LABELS, TEAM_TYPE_LABELS, t } from '@/lib/i18n';
import { maskPhone, PAGE_SIZE_MAX } from '@wenming/shared';
import { RemoteSelect, type RemoteOption } from './remote-select';

type PickerProps = {
  value?: string;
  onChange?: (value: string | undefined, option?: RemoteOption) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  disabled?: boolean;
  initialOption?: RemoteOption;
  'aria-label'?: string;
};

/**
 * Sites in the caller's scope (admins), or with `directory` the public name list
 * (GET /sites/directory) used by registration, where nobody is logged in yet.
 */
export function SiteSelect({ level, parentId, directory, ...props }: PickerProps & { level?: SiteLevel; parentId?: string; directory?: boolean }) {
  return (
    <RemoteSelect
      queryKey={['lookup', 'sites', directory ? 'directory' : 'scoped', level ?? 'all', parentId ?? '']}
      fetchOptions={async (q) => {
        const data = directory
          ? await api.get<Paginated<SiteDirectoryEntryDto>>('/sites/directory', { level, parentId, q, pageSize: 50 }, { anonymous: true })
          : await api.get<Paginated<SiteDto>>('/sites', { level, parentId, q, pageSize: 50 });
        return data.items.map((s) => ({
          value: s.id,
          label: level ? s.name : `${s.name}（${SITE_LEVEL_LABELS[s.level]}）`,
        }));
      }}
      {...props}
    />
  );
}

export function TeamSelect({ siteId, type, ...props }: PickerProps & { siteId?: string; type?: TeamType }) {
  return (
    <RemoteSelect
      queryKey={['lookup', 'teams', siteId ?? '', type ?? '']}
      fetchOptions={async (q) => {
        const data = await api.get<Paginated<TeamDto>>('/teams', { siteId, type, q, pageSize: 50 });
        return data.items.map((tm) => ({ value: tm.id, label: `${tm.name}（${TEAM_TYPE_LABELS[tm.type]}）` }));
      }}
      {...props}
    />
  );
}

/**
 * Several teams at once (e.g. the teams that provide a menu item). Searchable; `initialOptions`
 * names the teams already chosen so they show before the list has loaded.
 */
export function TeamMultiSelect({
  value,
  onChange,
  initialOptions,
  siteId,
  ...rest
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  initialOptions?: RemoteOption[];
  siteId?: string;
} & Omit<SelectProps<string[]>, 'options' | 'onChange' | 'value' | 'mode' | 'showSearch'>) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(id);
  }, [input]);
  const query = useQuery({
    queryKey: ['lookup', 'teams', siteId ?? '', '', q],
    queryFn: async () => {
      const data = await api.get<Paginated<TeamDto>>('/teams', { siteId, q, pageSize: PAGE_SIZE_MAX });
      return data.items.filter((tm) => !tm.archived).map((tm) => ({ value: tm.id, label: `${tm.name}（${TEAM_TYPE_LABELS[tm.type]}）` }));
    },
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const list = [...(query.data ?? [])];
    for (const o of initialOptions ?? []) if (!list.some((x) => x.value === o.value)) list.unshift(o);
    return list;
  }, [query.data, initialOptions]);
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      options={options}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t.common.empty}
      onChange={(v) => onChange?.(v)}
      {...rest}
    />
  );
}

export function VolunteerSelect({ siteId, teamId, ...props }: PickerProps & { siteId?: string; teamId?: string }) {
  return (
    <RemoteSelect
      queryKey={['lookup', 'volunteers', siteId ?? '', teamId ?? '']}
      fetchOptions={async (q) => {
        const data = await api.get<Paginated<VolunteerDto>>('/volunteers', { q, siteId, teamId, pageSize: 30 });
        return data.items.map((v) => ({
          value: v.id,
          label: [v.name, maskPhone(v.phone) ?? v.volunteerNumber].filter(Boolean).join(' · '),
        }));
      }}
      {...props}
    />
  );
}

/** The 18 towns of the county (regions of level town). */
export function useTowns() {
  return useQuery({
    queryKey: ['lookup', 'regions', 'town'],
    queryFn: () => api.get<RegionDto[]>('/regions', { level: 'town' }),
    staleTime: 10 * 60_000,
  });
}

export function TownSelect(props: Omit<SelectProps<string>, 'options'>) {
  const towns = useTowns();
  return (
    <Select<string>
      allowClear
      loading={towns.isPending}
      placeholder={t.dashboard.town}
      options={(towns.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      {...props}
    />
  );
}

export function teamTypeOptions() {
  return (Object.keys(TEAM_TYPE_LABELS) as TeamType[]).map((v) => ({ value: v, label: TEAM_TYPE_LABELS[v] }));
}

/**
 * The venue (活动地点) of an activity or a service day: any practice site of the county, searched by
 * name over the public directory (a team leader may schedule at any station, not only in their scope).
 */
export function VenueSelect(props: PickerProps) {
  return (
    <RemoteSelect
      queryKey={['lookup', 'sites', 'venue']}
      fetchOptions={async (q) => {
        const data = await api.get<Paginated<SiteDirectoryEntryDto>>('/sites/directory', { q, pageSize: 50 });
        return data.items.map((s) => ({ value: s.id, label: s.townName && !s.name.startsWith(s.townName) ? `${s.townName}${s.name}` : s.name }));
      }}
      placeholder={t.activities.venuePlaceholder}
      {...props}
    />
  );
}

/** One team (its home site is the default venue of what it schedules). */
export function useTeamLookup(teamId: string | undefined) {
  return useQuery({
    queryKey: ['lookup', 'team', teamId ?? ''],
    queryFn: () => api.get<TeamDto>(`/teams/${teamId}`),
    enabled: !!teamId,
    staleTime: 5 * 60_000,
  });
}
