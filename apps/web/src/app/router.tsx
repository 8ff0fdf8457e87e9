import { lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { NotFoundState } from '@/components/ui/states';
import { useSession } from '@/features/auth/hooks/use-session';
import { AppShell } from './layouts/app-shell';
import { PublicLayout } from './layouts/public-layout';
import { RequireAuth, isCountyAdmin, isLeader, isLeaderOrStaff, isStaff, isVolunteer } from './guards';
import { homePathFor } from './nav';
import { LoginPage } from './routes/login';

/** Each page is its own chunk; the dashboard's chunk is the only one that pulls in ECharts. */
function page<T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T) {
  return lazy(async () => ({ default: (await loader())[name] as ComponentType }));
}

const RegisterPage = page(() => import('./routes/register'), 'RegisterPage');
const DashboardPage = page(() => import('./routes/dashboard'), 'DashboardPage');
const SitesPage = page(() => import('./routes/sites'), 'SitesPage');
const TeamsPage = page(() => import('./routes/teams'), 'TeamsPage');
const VolunteersPage = page(() => import('./routes/volunteers'), 'VolunteersPage');
const UsersPage = page(() => import('./routes/users'), 'UsersPage');
const AuditLogPage = page(() => import('./routes/audit-log'), 'AuditLogPage');
const ManageActivitiesPage = page(() => import('./routes/manage-activities'), 'ManageActivitiesPage');
const ManageActivityDetailPage = page(() => import('./routes/manage-activity-detail'), 'ManageActivityDetailPage');
const CheckinScreenPage = page(() => import('./routes/checkin-screen'), 'CheckinScreenPage');
const MyTeamsPage = page(() => import('./routes/my-teams'), 'MyTeamsPage');
const ServiceDaysPage = page(() => import('./routes/service-days'), 'ServiceDaysPage');
const OrdersPage = page(() => import('./routes/orders'), 'OrdersPage');
const BrowseActivitiesPage = page(() => import('./routes/browse-activities'), 'BrowseActivitiesPage');
const ActivityPage = page(() => import('./routes/activity'), 'ActivityPage');
const CheckinPage = page(() => import('./routes/checkin'), 'CheckinPage');
const MyRecordPage = page(() => import('./routes/my-record'), 'MyRecordPage');
const MenuPage = page(() => import('./routes/menu'), 'MenuPage');
const TrackPage = page(() => import('./routes/track'), 'TrackPage');

function Home() {
  const session = useSession();
  return <Navigate to={homePathFor(session)} replace />;
}

const guard = (el: ReactNode, allow?: Parameters<typeof RequireAuth>[0]['allow']) => <RequireAuth allow={allow}>{el}</RequireAuth>;

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/menu/:siteId', element: <MenuPage /> },
      { path: '/track/:token', element: <TrackPage /> },
    ],
  },
  { path: '/manage/activities/:id/screen', element: guard(<CheckinScreenPage />, isLeaderOrStaff) },
  {
    element: guard(<AppShell />),
    children: [
      { index: true, element: <Home /> },
      { path: '/dashboard', element: guard(<DashboardPage />, isStaff) },
      { path: '/sites', element: guard(<SitesPage />, isStaff) },
      { path: '/teams', element: guard(<TeamsPage />, isStaff) },
      { path: '/volunteers', element: guard(<VolunteersPage />, isStaff) },
      { path: '/users', element: guard(<UsersPage />, isCountyAdmin) },
      { path: '/audit-log', element: guard(<AuditLogPage />, isCountyAdmin) },
      { path: '/manage/activities', element: guard(<ManageActivitiesPage />, isLeaderOrStaff) },
      { path: '/manage/activities/:id', element: guard(<ManageActivityDetailPage />, isLeaderOrStaff) },
      { path: '/my-teams', element: guard(<MyTeamsPage />, isLeader) },
      { path: '/service-days', element: guard(<ServiceDaysPage />, isLeaderOrStaff) },
      { path: '/orders', element: guard(<OrdersPage />, isLeaderOrStaff) },
      { path: '/activities', element: guard(<BrowseActivitiesPage />, isVolunteer) },
      { path: '/activities/:id', element: <ActivityPage /> },
      { path: '/checkin', element: guard(<CheckinPage />, isVolunteer) },
      { path: '/checkin/:activityId', element: <CheckinPage /> },
      { path: '/record', element: guard(<MyRecordPage />, isVolunteer) },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);

setUnauthorizedHandler(() => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) {
    void router.navigate(`/login?redirect=${encodeURIComponent(here)}`, { replace: true });
  }
});

export function AppRouter() {
  return <RouterProvider router={router} />;
}
