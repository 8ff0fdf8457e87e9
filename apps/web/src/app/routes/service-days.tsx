import { useState } from 'react';
import { Alert, Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ServiceDayScheduleChangeResponse, ServiceDayScheduleDto } from '@wenming/shared';
import { ScheduleForm } from '@/features/schedules/components/schedule-form';
import { ScheduleList } from '@/features/schedules/components/schedule-list';
import { changeSummary } from '@/features/schedules/api/schedules-api';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { dayjs } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';

const TEXT = {
  editTitle: '编辑服务日计划 · {title}',
  savedTitle: '「{title}」已保存',
  savedBody: '{updated} 场已更新，{cancelled} 场已取消，{generated} 场新生成；已有签到或已结束的活动保持不变。',
};

export function ServiceDaysPage() {
  const { me } = useSession();
  const led = me?.teamsLed ?? [];
  const teams = led.map((tm) => ({ id: tm.id, name: tm.name, siteId: tm.siteId, siteName: tm.siteName }));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ServiceDayScheduleDto | null>(null);
  const [result, setResult] = useState<ServiceDayScheduleChangeResponse | null>(null);
  const summary = result ? changeSummary(result) : null;
  return (
    <>
      <PageHeader
        title={t.schedules.title}
        subtitle={t.schedules.subtitle}
        extra={
          led.length > 0 && !creating && !editing ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setResult(null);
                setCreating(true);
              }}
            >
              {t.schedules.create}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {result && summary ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setResult(null) }}
            data-testid="schedule-change-result"
            title={fmt(TEXT.savedTitle, { title: result.schedule.title })}
            description={fmt(TEXT.savedBody, summary)}
          />
        ) : null}
        {creating ? (
          <Card title={t.schedules.create} extra={<Button onClick={() => setCreating(false)}>{t.common.cancel}</Button>}>
            <ScheduleForm
              teams={teams}
              initialValues={{ startsOn: dayjs().startOf('day'), endsOn: dayjs().add(3, 'month').startOf('day') }}
              onSaved={(res) => {
                setResult(res);
                setCreating(false);
              }}
            />
          </Card>
        ) : null}
        {editing ? (
          <Card title={fmt(TEXT.editTitle, { title: editing.title })} extra={<Button onClick={() => setEditing(null)}>{t.common.cancel}</Button>}>
            <ScheduleForm
              key={editing.id}
              teams={teams}
              schedule={editing}
              onSaved={(res) => {
                setResult(res);
                setEditing(null);
              }}
            />
          </Card>
        ) : null}
        <Card title={t.schedules.list} size="small">
          <ScheduleList
            onEdit={(s) => {
              setResult(null);
              setCreating(false);
              setEditing(s);
              window.scrollTo({ top: 0, behavior: 'smooth' });
            }}
          />
        </Card>
      </Flex>
    </>
  );
}
