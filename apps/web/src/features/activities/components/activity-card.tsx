import type { ReactNode } from 'react';
import { Flex, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ActivityDto, MySignupDto } from '@wenming/shared';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { Panel } from '@/components/ui/panel';
import { placeOf } from '../lib/place';
import { MySignupTag } from './my-signup-tag';

/** An activity on the volunteer's phone: what, when, where (venue · spot), who organises it, places left. */
export function ActivityCard({
  activity,
  actions,
  mySignup,
}: {
  activity: ActivityDto & { confirmedCount?: number };
  actions?: ReactNode;
  mySignup?: MySignupDto | null;
}) {
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
          <MySignupTag signup={mySignup} />
        </Flex>
        <Space size={4} wrap>
          <Tag color="red">{ACTIVITY_KIND_LABELS[a.kind]}</Tag>
          <Tag>{ACTIVITY_CATEGORY_LABELS[a.category]}</Tag>
          {a.townName ? <Tag color="blue">{a.townName}</Tag> : null}
        </Space>
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {fmtRange(a.startsAt, a.endsAt)}
        </Typography.Text>
        <Typography.Text data-testid="activity-place">
          <EnvironmentOutlined /> {placeOf(a)}
        </Typography.Text>
        <Typography.Text type="secondary">
          <TeamOutlined /> {a.teamName}
        </Typography.Text>
        <Typography.Text type="secondary">
          {a.capacity == null ? `${t.activities.capacity}：${t.common.unlimited}` : `${t.activities.capacity}：${a.capacity}${t.common.people}`}
          {left != null ? ` · ${fmt(t.activities.spotsLeft, { n: left })}` : ''}
        </Typography.Text>
        {actions ? <div style={{ marginTop: 4 }}>{actions}</div> : null}
      </Flex>
    </Panel>
  );
}
