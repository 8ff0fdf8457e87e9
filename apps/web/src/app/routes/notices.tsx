import { NoticeList } from '@/features/notices/components/notice-list';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

export function NoticesPage() {
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageHeader title={t.notices.inbox} />
      <NoticeList />
    </div>
  );
}
