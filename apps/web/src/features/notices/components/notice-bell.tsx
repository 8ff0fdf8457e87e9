import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { fmt, t } from '@/lib/i18n';
import { useUnreadCount } from '../api/notices-api';

/** The header's inbox button with the unread count; both shells show it. */
export function NoticeBell() {
  const unread = useUnreadCount();
  const n = unread.data?.count ?? 0;
  const label = n > 0 ? `${t.notices.inbox}（${fmt(t.notices.unread, { n })}）` : t.notices.inbox;
  return (
    <Link to="/notices" aria-label={label} title={label} data-testid="notice-bell">
      <Badge count={n} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} tabIndex={-1} aria-hidden />
      </Badge>
    </Link>
  );
}
