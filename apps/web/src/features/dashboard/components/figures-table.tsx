import type { ReactNode } from 'react';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { KPI_LABELS } from './kpi-cards';

/** Columns of every dashboard table, in the order of the KPI cards. */
export const FIGURE_COLUMNS = [
  { key: 'activities', title: KPI_LABELS.activities },
  { key: 'personTimes', title: KPI_LABELS.personTimes },
  { key: 'volunteers', title: KPI_LABELS.volunteers },
  { key: 'serviceHours', title: `${KPI_LABELS.serviceHours}(小时)` },
  { key: 'audienceReached', title: KPI_LABELS.audienceReached },
] as const;

export type FigureKey = (typeof FIGURE_COLUMNS)[number]['key'] | 'teams';

const fmtNum = (k: FigureKey, v: number | undefined) =>
  v === undefined ? '' : k === 'serviceHours' ? v.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : v.toLocaleString('zh-CN');

/**
 * A table of figures: a name column, sortable figure columns, a 合计 row that stays last whatever the sort
 * (Table.Summary, fixed at the bottom), horizontal scroll inside its card on a phone, pages when long.
 */
export function FiguresTable<R extends { _key: string; _label: string } & Partial<Record<FigureKey, number>>>({
  rows,
  total,
  nameTitle,
  figureColumns,
  loading,
  pageSize = 20,
  label,
  extraColumns = [],
}: {
  rows: R[];
  total: Partial<Record<FigureKey, number>> | undefined;
  nameTitle: string;
  figureColumns: ReadonlyArray<{ key: FigureKey; title: string }>;
  loading?: boolean;
  pageSize?: number;
  label: string;
  extraColumns?: ColumnsType<R>;
}) {
  const columns: ColumnsType<R> = [
    {
      title: nameTitle,
      dataIndex: '_label',
      key: '_label',
      fixed: 'left',
      width: 170,
      sorter: (a, b) => a._label.localeCompare(b._label, 'zh-CN'),
      render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
    },
    ...extraColumns,
    ...figureColumns.map((c) => ({
      title: c.title,
      key: c.key,
      dataIndex: c.key,
      align: 'right' as const,
      width: 110,
      sorter: (a: R, b: R) => (a[c.key] ?? 0) - (b[c.key] ?? 0),
      sortDirections: ['descend', 'ascend'] as Array<'descend' | 'ascend'>,
      render: (v: number) => fmtNum(c.key, v),
    })),
  ];
  const paged = rows.length > pageSize;
  const summary = (): ReactNode =>
    total ? (
      <Table.Summary fixed="bottom">
        <Table.Summary.Row className="figures-total">
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>合计</Typography.Text>
          </Table.Summary.Cell>
          {extraColumns.map((_, i) => (
            <Table.Summary.Cell key={`x${i}`} index={i + 1} />
          ))}
          {figureColumns.map((c, i) => (
            <Table.Summary.Cell key={c.key} index={i + 1 + extraColumns.length} align="right">
              <Typography.Text strong>{fmtNum(c.key, total[c.key])}</Typography.Text>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      </Table.Summary>
    ) : null;
  return (
    <Table<R>
      aria-label={label}
      rowKey="_key"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 170 + extraColumns.length * 100 + figureColumns.length * 110 }}
      pagination={paged ? { pageSize, showSizeChanger: false, showTotal: (n) => `共 ${n} 行`, size: 'small' } : false}
      summary={summary}
      sticky={false}
    />
  );
}
