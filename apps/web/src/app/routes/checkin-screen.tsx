import { useEffect } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useActivity } from '@/features/activities/api/activities-api';
import { CheckinScreen } from '@/features/checkin/components/checkin-screen';
import { fmtRange } from '@/lib/dates';
import { t } from '@/lib/i18n';

export function CheckinScreenPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  useEffect(() => {
    document.title = `${t.checkin.screenTitle} · ${t.appName}`;
    return () => {
      document.title = t.appName;
    };
  }, []);
  return (
    <div style={{ minHeight: '100dvh', background: '#fff' }}>
      <Flex justify="space-between" style={{ padding: 12 }}>
        <Link to={`/manage/activities/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t.checkin.exitFullscreen}</Button>
        </Link>
        <Button icon={<FullscreenOutlined />} onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t.checkin.fullscreen}
        </Button>
      </Flex>
      <CheckinScreen activityId={id} title={activity.data ? `${activity.data.title}（${fmtRange(activity.data.startsAt, activity.data.endsAt)}）` : undefined} />
    </div>
  );
}
