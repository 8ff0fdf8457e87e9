import { ClaimsTable } from '@/features/claims/components/claims-table';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

export function RegistrationClaimsPage() {
  return (
    <>
      <PageHeader title={t.claims.title} />
      <ClaimsTable />
    </>
  );
}
