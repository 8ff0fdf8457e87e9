import { useState } from 'react';
import { Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ScheduleForm } from '@/features/schedules/components/schedule-form';
import { ScheduleList } from '@/features/schedules/components/schedule-list';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { dayjs } from '@/lib/dates';
import { t } from '@/lib/i18n';

export function ServiceDaysPage() {
  const { me } = useSession();
  const led = me?.teamsLed ?? [];
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t.schedules.title}
        subtitle={t.schedules.subtitle}
        extra={
          led.length > 0 && !creating ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.schedules.create}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {creating ? (
          <Card title={t.schedules.create} extra={<Button onClick={() => setCreating(false)}>{t.common.cancel}</Button>}>
            <ScheduleForm
              teams={led.map((tm) => ({ id: tm.id, name: tm.name, siteId: tm.siteId, siteName: tm.siteName }))}
              initialValues={{ startsOn: dayjs().startOf('day'), endsOn: dayjs().add(3, 'month').startOf('day') }}
              onSaved={() => setCreating(false)}
            />
          </Card>
        ) : null}
        <Card title={t.schedules.list} size="small">
          <ScheduleList />
        </Card>
      </Flex>
    </>
  );
}
