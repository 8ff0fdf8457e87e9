import type { ReactNode } from 'react';
import { Flex, Space, Tag } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ActivityDto, MySignupDto } from '@wenming/shared';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { Panel } from '@/components/ui/panel';
import { placeOf } from '../lib/place';
import { MySignupTag } from './my-signup-tag';

/** antd's Typography.Text as plain spans (its styles: colour, word-break): Typography's module and its first render
 * were ~100 ms of the volunteer's first /activities load at 4× CPU slow-down (issue 15). */
const TEXT = { wordBreak: 'break-word' } as const;
const SECONDARY = { ...TEXT, color: 'rgba(0,0,0,0.45)' } as const;

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
            <span style={{ ...TEXT, fontSize: 16 }}>
              <strong style={{ fontWeight: 600 }}>{a.title}</strong>
            </span>
          </Link>
          <MySignupTag signup={mySignup} />
        </Flex>
        <Space size={4} wrap>
          <Tag color="red">{ACTIVITY_KIND_LABELS[a.kind]}</Tag>
          <Tag>{ACTIVITY_CATEGORY_LABELS[a.category]}</Tag>
          {a.townName ? <Tag color="blue">{a.townName}</Tag> : null}
        </Space>
        <span style={SECONDARY}>
          <ClockCircleOutlined /> {fmtRange(a.startsAt, a.endsAt)}
        </span>
        <span style={TEXT} data-testid="activity-place">
          <EnvironmentOutlined /> {placeOf(a)}
        </span>
        <span style={SECONDARY}>
          <TeamOutlined /> {a.teamName}
        </span>
        <span style={SECONDARY}>
          {a.capacity == null ? `${t.activities.capacity}：${t.common.unlimited}` : `${t.activities.capacity}：${a.capacity}${t.common.people}`}
          {left != null ? ` · ${fmt(t.activities.spotsLeft, { n: left })}` : ''}
        </span>
        {actions ? <div style={{ marginTop: 4 }}>{actions}</div> : null}
      </Flex>
    </Panel>
  );
}
