import type { ReactNode } from 'react';
import { Flex, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ActivityView } from '@/lib/api-types';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { SignupStatusTag } from '@/components/ui/status-tag';
import { Panel } from '@/components/ui/panel';

export function ActivityCard({ activity, actions, status }: { activity: ActivityView; actions?: ReactNode; status?: ActivityView['mySignupStatus'] }) {
  const a = activity;
  const left = a.capacity != null && a.confirmedCount != null ? Math.max(0, a.capacity - a.confirmedCount) : null;
  return (
    <Panel as="article" size="small" bodyStyle={{ padding: 14 }} aria-label={a.title}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={`/activities/${a.id}`} style={{ color: 'inherit', minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {a.title}
            </Typography.Text>
          </Link>
          {status && status !== 'cancelled' ? <SignupStatusTag status={status} /> : null}
        </Flex>
        <Space size={4} wrap>
          <Tag color="red">{ACTIVITY_KIND_LABELS[a.kind] ?? a.kind}</Tag>
          <Tag>{ACTIVITY_CATEGORY_LABELS[a.category] ?? a.category}</Tag>
        </Space>
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {fmtRange(a.startsAt, a.endsAt)}
        </Typography.Text>
        {a.teamName || a.siteName ? (
          <Typography.Text type="secondary">
            <TeamOutlined /> {[a.teamName, a.siteName].filter(Boolean).join(' · ')}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">
          {a.capacity == null ? `${t.activities.capacity}：${t.common.unlimited}` : `${t.activities.capacity}：${a.capacity}${t.common.people}`}
          {left != null ? ` · ${fmt(t.activities.spotsLeft, { n: left })}` : ''}
        </Typography.Text>
        {actions ? <div style={{ marginTop: 4 }}>{actions}</div> : null}
      </Flex>
    </Panel>
  );
}
