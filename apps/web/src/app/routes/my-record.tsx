import { useMyRecord } from '@/features/record/api/record-api';
import { RecordView } from '@/features/record/components/record-view';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/states';
import { t } from '@/lib/i18n';

export function MyRecordPage() {
  const { me } = useSession();
  const record = useMyRecord();
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.record.title} subtitle={me?.volunteer ? `${me.volunteer.name} · ${me.volunteer.volunteerNumber}` : undefined} />
      <QueryView query={record}>{(r) => <RecordView record={r} volunteerId={me?.volunteer?.id ?? ''} volunteerName={me?.volunteer?.name} />}</QueryView>
    </div>
  );
}
