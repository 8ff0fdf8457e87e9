import { useSession } from '@/features/auth/hooks/use-session';
import { useMyPoints } from '@/features/points/api/points-api';
import { Supermarket } from '@/features/points/components/supermarket';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/states';
import { t } from '@/lib/i18n';

/** 积分超市 for the volunteer: balance, goods of the home station and county-wide, own redemptions, history. */
export function PointsPage() {
  const { me } = useSession();
  const account = useMyPoints();
  const siteId = me?.volunteer?.siteId ?? null;
  const siteName = me?.volunteer?.siteName ?? undefined;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.points.supermarket} subtitle={siteName} />
      <QueryView query={account}>{(a) => <Supermarket account={a} siteId={siteId} siteName={siteName} />}</QueryView>
    </div>
  );
}
