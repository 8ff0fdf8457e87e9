import { lazy, Suspense } from 'react';
import { useSession } from '@/features/auth/hooks/use-session';
import { LoadingState } from '@/components/ui/states';
import { VolunteerShell } from './volunteer-shell';

/** The side-menu shell (Layout, Menu, Drawer, Dropdown and the staff icons) is a chunk of its own. */
const AppShell = lazy(async () => ({ default: (await import('./app-shell')).AppShell }));

/** Staff and team leaders get the admin shell; everyone else the light volunteer shell. */
export function AuthedLayout() {
  const session = useSession();
  if (session.isStaff || session.isLeader) {
    return (
      <Suspense fallback={<LoadingState minHeight={320} />}>
        <AppShell />
      </Suspense>
    );
  }
  return <VolunteerShell />;
}
