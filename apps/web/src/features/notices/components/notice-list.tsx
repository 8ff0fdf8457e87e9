import { useState } from 'react';
import { Button, Checkbox, Flex, Pagination, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { NoticeDto } from '@wenming/shared';
import { NOTICE_KIND_LABELS } from '@wenming/shared';
import { Panel } from '@/components/ui/panel';
import { EmptyState, QueryView } from '@/components/ui/states';
import { fmtDateTime } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useMarkAllRead, useMarkRead, useNotices } from '../api/notices-api';
import { noticeRoute } from '../lib/notice-link';

/** 站内消息: unread first, then newest; opening a notice marks it read and follows its link. */
export function NoticeList() {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotices({ page, pageSize: 20, unread: unreadOnly || undefined });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();

  const open = (n: NoticeDto) => {
    if (!n.readAt) markRead.mutate(n.id);
    const to = noticeRoute(n.link);
    if (to) void navigate(to);
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setPage(1);
          }}
        >
          {t.notices.onlyUnread}
        </Checkbox>
        <Button loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onSuccess: () => notify.success(t.notices.allRead) })}>
          {t.notices.markAllRead}
        </Button>
      </Flex>
      <QueryView query={list} isEmpty={(d) => d.total === 0} empty={<EmptyState description={t.notices.empty} />}>
        {(data) => (
          <Flex vertical gap={8}>
            {data.items.map((n) => (
              <Panel
                key={n.id}
                as="article"
                size="small"
                aria-label={n.title}
                bodyStyle={{ padding: 12 }}
                style={n.readAt ? undefined : { borderInlineStart: '3px solid #c8161d' }}
              >
                <Flex vertical gap={4}>
                  <Flex justify="space-between" align="flex-start" gap={8}>
                    <Typography.Text strong={!n.readAt} style={{ fontSize: 15 }}>
                      {n.title}
                    </Typography.Text>
                    <Tag color={n.readAt ? 'default' : 'red'} style={{ marginInlineEnd: 0, flex: 'none' }}>
                      {NOTICE_KIND_LABELS[n.kind] ?? n.kind}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Typography.Text>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(n.createdAt)}
                      {n.readAt ? '' : ` · ${t.notices.unreadMark}`}
                    </Typography.Text>
                    <Flex gap={4}>
                      {!n.readAt ? (
                        <Button size="small" type="text" onClick={() => markRead.mutate(n.id)}>
                          {t.notices.markRead}
                        </Button>
                      ) : null}
                      {noticeRoute(n.link) ? (
                        <Button size="small" type="link" onClick={() => open(n)}>
                          {t.notices.open}
                        </Button>
                      ) : null}
                    </Flex>
                  </Flex>
                </Flex>
              </Panel>
            ))}
            {data.total > data.pageSize ? <Pagination simple align="center" current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} /> : null}
          </Flex>
        )}
      </QueryView>
    </Flex>
  );
}
