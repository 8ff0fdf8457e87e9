/**
 * Lookups shared by several features (register, filters, forms). They read the API's
 * list endpoints directly so features do not need to import each other.
 */
import type { Paginated, RegionDto, SiteDto, SiteLevel, TeamDto, TeamType, VolunteerDto } from '@wenming/shared';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { api, asList } from '@/lib/api-client';
import { SITE_LEVEL_LABELS, TEAM_TYPE_LABELS, t } from '@/lib/i18n';
import { maskPhone } from '@wenming/shared';
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
        const data = await api.get<Paginated<SiteDto> | SiteDto[]>(directory ? '/sites/directory' : '/sites', { level, parentId, q, pageSize: 50 }, { anonymous: directory });
        return asList(data).map((s) => ({
          value: s.id,
          label: level ? s.name : `${s.name}（${SITE_LEVEL_LABELS[s.level] ?? s.level}）`,
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
        const data = await api.get<Paginated<TeamDto> | TeamDto[]>('/teams', { siteId, type, q, pageSize: 50 });
        return asList(data).map((tm) => ({ value: tm.id, label: `${tm.name}（${TEAM_TYPE_LABELS[tm.type] ?? tm.type}）` }));
      }}
      {...props}
    />
  );
}

export function VolunteerSelect({ siteId, teamId, ...props }: PickerProps & { siteId?: string; teamId?: string }) {
  return (
    <RemoteSelect
      queryKey={['lookup', 'volunteers', siteId ?? '', teamId ?? '']}
      fetchOptions={async (q) => {
        const data = await api.get<Paginated<VolunteerDto> | VolunteerDto[]>('/volunteers', { q, siteId, teamId, pageSize: 30 });
        return asList(data).map((v) => ({
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
    queryFn: async () => asList(await api.get<RegionDto[] | Paginated<RegionDto>>('/regions', { level: 'town' })),
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
