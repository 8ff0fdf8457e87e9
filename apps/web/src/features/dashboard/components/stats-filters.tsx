import { useState } from 'react';
import { Button, DatePicker, Flex, Select } from 'antd';
import type { ActivityCategory, ActivityKind } from '@wenming/shared';
import { TownSelect, teamTypeOptions } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import type { StatsFilter } from '@wenming/shared';
import { dayjs, pickerToDate, type Dayjs } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, t } from '@/lib/i18n';

export function StatsFilters({ value, onChange }: { value: StatsFilter; onChange: (f: StatsFilter) => void }) {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(
    value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null,
  );
  const set = (patch: Partial<StatsFilter>) => onChange({ ...value, ...patch });
  return (
    <Flex wrap gap={8}>
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
      <TownSelect aria-label={t.dashboard.town} style={{ width: 140 }} value={value.townId} onChange={(v) => set({ townId: v })} />
      <Select
        aria-label={t.dashboard.teamType}
        placeholder={t.dashboard.teamType}
        allowClear
        style={{ width: 130 }}
        value={value.teamType}
        options={teamTypeOptions()}
        onChange={(v) => set({ teamType: v })}
      />
      <Select<ActivityCategory>
        aria-label={t.dashboard.category}
        placeholder={t.dashboard.category}
        allowClear
        style={{ width: 130 }}
        value={value.category}
        options={optionsOf(ACTIVITY_CATEGORY_LABELS)}
        onChange={(v) => set({ category: v })}
      />
      <Select<ActivityKind>
        aria-label={t.dashboard.kind}
        placeholder={t.dashboard.kind}
        allowClear
        style={{ width: 130 }}
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
