import { useSearchParams } from 'react-router-dom';
import { HonourRoll } from '@/features/honours/components/honour-roll';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

/** Public 先进典型光荣榜 per town (no login): /honours?townId=… */
export function HonourRollPage() {
  const [params, setParams] = useSearchParams();
  const townId = params.get('townId') ?? undefined;
  return (
    <>
      <PageHeader title={t.honours.roll} subtitle={t.honours.rollHint} />
      <HonourRoll townId={townId} onTownChange={(id) => setParams(id ? { townId: id } : {}, { replace: true })} />
    </>
  );
}
