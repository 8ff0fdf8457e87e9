import { Space, Tag, Tooltip } from 'antd';
import { maskPhone, type OrderStatus } from '@wenming/shared';
import type { ColumnsType } from 'antd/es/table';
import { OrderStatusTag } from '@/components/ui/status-tag';
import type { ServiceOrderDto } from '@wenming/shared';
import { fmtDate, fmtDateTime } from '@/lib/dates';
import { t } from '@/lib/i18n';

export function orderColumns(): ColumnsType<ServiceOrderDto> {
  return [
    {
      title: t.orders.item,
      key: 'item',
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <span>{o.menuItemTitle}</span>
          {o.note ? (
            <Tooltip title={o.note}>
              <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{o.note.length > 20 ? o.note.slice(0, 20) + '…' : o.note}</span>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t.orders.site, key: 'site', dataIndex: 'siteName', responsive: ['lg'] },
    {
      title: t.orders.requesterName,
      key: 'who',
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <span>{o.requesterName}</span>
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{maskPhone(o.requesterPhone)}</span>
        </Space>
      ),
    },
    { title: t.orders.address, dataIndex: 'address', ellipsis: true, responsive: ['md'] },
    { title: t.orders.preferredDate, dataIndex: 'preferredDate', render: (v: string | null) => fmtDate(v) },
    { title: t.orders.orderedAt, dataIndex: 'orderedAt', render: (v: string) => fmtDateTime(v), responsive: ['md'] },
    {
      title: t.orders.status,
      key: 'status',
      render: (_, o) => (
        <Space size={4} wrap>
          <OrderStatusTag status={o.status as OrderStatus} />
          {o.overdue ? <Tag color="error">{t.orders.overdue}</Tag> : null}
        </Space>
      ),
    },
    { title: t.orders.team, key: 'team', render: (_, o) => o.teamName ?? t.orders.notDispatched, responsive: ['lg'] },
  ];
}
