import { Alert, Flex, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { AT_RISK_REASON_LABELS } from '@wenming/shared';
import { Panel } from '@/components/ui/panel';
import { fmtRange } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { useAtRisk } from '../api/reports-api';

/** 需要关注的活动 on the leader's and site admin's home: under-filled within 48 h, or no check-in code shown. */
export function AtRiskPanel() {
  const atRisk = useAtRisk();
  if (atRisk.isPending || atRisk.isError) return null;
  const items = atRisk.data;
  if (items.length === 0) return <Alert type="success" showIcon title={t.reports.atRiskEmpty} />;
  return (
    <Panel
      size="small"
      aria-label={t.reports.atRisk}
      title={
        <span>
          <WarningOutlined style={{ color: '#fa8c16', marginInlineEnd: 6 }} />
          {t.reports.atRisk}（{items.length}）
        </span>
      }
      bodyStyle={{ padding: 0 }}
    >
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 280, overflow: 'auto' }}>
        {items.map((a) => (
          <li key={`${a.activityId}:${a.reason}`} style={{ padding: '8px 12px', borderBottom: '1px solid #f5f5f5' }}>
            <Flex justify="space-between" gap={8} wrap align="center">
              <div style={{ minWidth: 0 }}>
                <Link to={`/manage/activities/${a.activityId}`}>
                  <Typography.Text strong>{a.title}</Typography.Text>
                </Link>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                  {fmtRange(a.startsAt, a.endsAt)} · {a.teamName} · {a.siteName}
                </div>
              </div>
              <Tag color={a.reason === 'no_checkin_code' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {a.reason === 'under_filled' && a.capacity != null ? fmt(t.reports.lowSignups, { n: a.confirmed, c: a.capacity }) : AT_RISK_REASON_LABELS[a.reason]}
              </Tag>
            </Flex>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
