import { useState } from 'react';
import { DatePicker, Flex, Segmented, Table, Typography } from 'antd';
import type { NoShowQuery, NoShowRowDto } from '@wenming/shared';
import { SiteSelect, TeamSelect } from '@/components/pickers/pickers';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorState } from '@/components/ui/states';
import { dayjs, pickerToDate, todayShanghai } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { useNoShows } from '../api/reports-api';
import { defaultPeriod, percent } from '../lib/no-show';

/** 爽约统计: confirmed sign-ups of ended activities with no attendance, per team or per volunteer, over a period. */
export function NoShowReport({ isStaff }: { isStaff: boolean }) {
  const [q, setQ] = useState<NoShowQuery>(() => ({ by: 'team', ...defaultPeriod(todayShanghai()) }));
  const report = useNoShows(q);
  const phone = useMediaQuery(PHONE_QUERY);
  // Most no-shows first; on a phone without sorter icons so the figures fit the width.
  const rows = [...(report.data?.rows ?? [])].sort((a, b) => b.noShows - a.noShows || b.rate - a.rate);
  const byVolunteer = q.by === 'volunteer';
  const sorter = <K extends 'confirmedSignups' | 'noShows' | 'rate'>(k: K) => (phone ? undefined : (a: NoShowRowDto, b: NoShowRowDto) => a[k] - b[k]);
  return (
    <>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Segmented<NoShowQuery['by']>
            value={q.by}
            onChange={(by) => setQ((f) => ({ ...f, by }))}
            options={[
              { value: 'team', label: t.reports.byTeam },
              { value: 'volunteer', label: t.reports.byVolunteer },
            ]}
          />
          <DatePicker.RangePicker
            aria-label={t.common.dateRange}
            allowEmpty={[true, true]}
            value={[q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null]}
            onChange={(v) => setQ((f) => ({ ...f, from: pickerToDate(v?.[0]), to: pickerToDate(v?.[1]) }))}
          />
          {isStaff ? (
            <SiteSelect
              aria-label={t.reports.site}
              placeholder={t.reports.site}
              style={{ width: 200 }}
              value={q.siteId}
              onChange={(v) => setQ((f) => ({ ...f, siteId: v }))}
            />
          ) : null}
          <TeamSelect
            aria-label={t.reports.team}
            placeholder={t.reports.team}
            style={{ width: 200 }}
            value={q.teamId}
            onChange={(v) => setQ((f) => ({ ...f, teamId: v }))}
          />
        </Flex>
        <DownloadButton path="/exports/no-shows" query={{ ...q, format: 'xlsx' }} fallbackName={`${t.reports.noShowsFile}.xlsx`}>
          {t.reports.export}
        </DownloadButton>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t.reports.noShowsHint}
      </Typography.Paragraph>
      {report.isError && !report.data ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <Table<NoShowRowDto>
          rowKey={(r) => `${r.teamId}:${r.volunteerId ?? ''}`}
          size="small"
          loading={report.isFetching}
          dataSource={rows}
          locale={{ emptyText: t.reports.noShowsEmpty }}
          scroll={phone ? undefined : { x: 640 }}
          pagination={{ pageSize: 50, showTotal: (n) => fmt(t.common.total, { n }), hideOnSinglePage: true }}
          columns={[
            ...(byVolunteer ? [{ title: t.reports.volunteer, dataIndex: 'volunteerName', key: 'v' }] : []),
            ...(byVolunteer && phone ? [] : [{ title: t.reports.team, dataIndex: 'teamName', key: 'team' }]),
            { title: t.reports.confirmedSignups, dataIndex: 'confirmedSignups', key: 'c', align: 'right' as const, sorter: sorter('confirmedSignups') },
            { title: t.reports.noShowCount, dataIndex: 'noShows', key: 'n', align: 'right' as const, sorter: sorter('noShows') },
            { title: t.reports.rate, dataIndex: 'rate', key: 'r', align: 'right' as const, render: (r: number) => percent(r), sorter: sorter('rate') },
          ]}
          summary={() =>
            report.data ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={byVolunteer && !phone ? 2 : 1}>
                    <strong>{t.reports.total}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{report.data.total.confirmedSignups}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong>{report.data.total.noShows}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <strong>{percent(report.data.total.rate)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </>
  );
}
