import { isValidElement, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, matchRoutes, Navigate, useNavigate, useRoutes, type RouteObject } from 'react-router-dom';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { LoadingState, NotFoundState } from '@/components/ui/states';
import { useSession } from '@/features/auth/hooks/use-session';
import { PublicLayout } from './layouts/public-layout';
import { RequireAuth, isCountyAdmin, isLeader, isLeaderOrStaff, isStaff, isVolunteer } from './guards';
import { homePathFor } from './home-path';

/**
 * Each page is its own chunk (login included); the dashboard's chunk is the only one that pulls in
 * ECharts, and the admin shell is loaded by AuthedLayout only for staff and team leaders.
 */
type PageComponent = ComponentType & { preload: () => Promise<unknown> };

/**
 * A lazy page that can be loaded before the first render (`preload`): once its module is there it renders directly,
 * without a Suspense round (no loading state in between, one render pass less on the first load).
 */
function page<T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T): PageComponent {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const load = () => (pending ??= loader().then((m) => (loaded = m[name] as ComponentType)));
  const Lazy = lazy(async () => ({ default: await load() }));
  const Page = () => {
    // chosen once per mount: switching from Lazy to the loaded component later would remount the page
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  };
  Page.preload = load;
  return Page;
}

// the logged-in shells (volunteer header with the notice bell, or the admin shell) are not needed by the public pages
const AuthedLayout = page(() => import('./layouts/authed-layout'), 'AuthedLayout');
const LoginPage = page(() => import('./routes/login'), 'LoginPage');
const RegisterPage = page(() => import('./routes/register'), 'RegisterPage');
const DashboardPage = page(() => import('./routes/dashboard'), 'DashboardPage');
const SitesPage = page(() => import('./routes/sites'), 'SitesPage');
const TeamsPage = page(() => import('./routes/teams'), 'TeamsPage');
const VolunteersPage = page(() => import('./routes/volunteers'), 'VolunteersPage');
const UsersPage = page(() => import('./routes/users'), 'UsersPage');
const AuditLogPage = page(() => import('./routes/audit-log'), 'AuditLogPage');
const RegistrationClaimsPage = page(() => import('./routes/registration-claims'), 'RegistrationClaimsPage');
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
const MyActivitiesPage = page(() => import('./routes/my-activities'), 'MyActivitiesPage');
const FindTeamsPage = page(() => import('./routes/find-teams'), 'FindTeamsPage');
const MenuPage = page(() => import('./routes/menu'), 'MenuPage');
const TrackPage = page(() => import('./routes/track'), 'TrackPage');
const PointsPage = page(() => import('./routes/points'), 'PointsPage');
const NoticesPage = page(() => import('./routes/notices'), 'NoticesPage');
const ManagePointsPage = page(() => import('./routes/manage-points'), 'ManagePointsPage');
const ManageDeedsPage = page(() => import('./routes/manage-deeds'), 'ManageDeedsPage');
const ManageHonoursPage = page(() => import('./routes/manage-honours'), 'ManageHonoursPage');
const NoShowReportPage = page(() => import('./routes/no-show-report'), 'NoShowReportPage');
const HonourRollPage = page(() => import('./routes/honour-roll'), 'HonourRollPage');

function Home() {
  const session = useSession();
  return <Navigate to={homePathFor(session)} replace />;
}

const guard = (el: ReactNode, allow?: Parameters<typeof RequireAuth>[0]['allow']) => <RequireAuth allow={allow}>{el}</RequireAuth>;

/**
 * Declarative routing (BrowserRouter + useRoutes): nothing here needs loaders or actions, and the
 * data router (createBrowserRouter) would add ~53 KB of react-router to every page's initial JS.
 */
export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/menu/:siteId', element: <MenuPage /> },
      { path: '/track/:token', element: <TrackPage /> },
      { path: '/honours', element: <HonourRollPage /> },
    ],
  },
  { path: '/manage/activities/:id/screen', element: guard(<CheckinScreenPage />, isLeaderOrStaff) },
  {
    element: guard(<AuthedLayout />),
    children: [
      { index: true, element: <Home /> },
      { path: '/dashboard', element: guard(<DashboardPage />, isStaff) },
      { path: '/sites', element: guard(<SitesPage />, isStaff) },
      { path: '/teams', element: guard(<TeamsPage />, isStaff) },
      { path: '/volunteers', element: guard(<VolunteersPage />, isStaff) },
      { path: '/users', element: guard(<UsersPage />, isCountyAdmin) },
      { path: '/audit-log', element: guard(<AuditLogPage />, isCountyAdmin) },
      { path: '/registration-claims', element: guard(<RegistrationClaimsPage />, isStaff) },
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
      { path: '/my-activities', element: guard(<MyActivitiesPage />, isVolunteer) },
      { path: '/points', element: guard(<PointsPage />, isVolunteer) },
      { path: '/notices', element: <NoticesPage /> },
      { path: '/manage/points', element: guard(<ManagePointsPage />, isStaff) },
      { path: '/manage/deeds', element: guard(<ManageDeedsPage />, isStaff) },
      { path: '/manage/honours', element: guard(<ManageHonoursPage />, isStaff) },
      { path: '/reports/no-shows', element: guard(<NoShowReportPage />, isLeaderOrStaff) },
      { path: '/find-teams', element: guard(<FindTeamsPage />, isVolunteer) },
      { path: '*', element: <NotFoundState /> },
    ],
  },
];

/**
 * Loads the page modules (and the logged-in layout) the URL renders, so the first render is the page itself. The
 * server already sends them as `<link rel="modulepreload">`, so this waits for files that are (nearly) there.
 */
export async function preloadRoute(pathname: string): Promise<void> {
  const loads: Promise<unknown>[] = [];
  const visit = (node: ReactNode) => {
    if (!isValidElement<{ children?: ReactNode }>(node)) return;
    const preload = (node.type as Partial<PageComponent>).preload;
    if (typeof preload === 'function') loads.push(preload());
    visit(node.props.children);
  };
  for (const m of matchRoutes(routes, pathname) ?? []) visit(m.route.element);
  await Promise.all(loads).catch(() => undefined);
}

function AppRoutes() {
  return useRoutes(routes);
}

/** Any 401 on an authenticated call goes to /login?redirect=<here>, without a page reload. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) {
        void navigate(`/login?redirect=${encodeURIComponent(here)}`, { replace: true });
      }
    });
  }, [navigate]);
  return null;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <UnauthorizedRedirect />
      <Suspense fallback={<LoadingState minHeight={320} />}>
        <AppRoutes />
      </Suspense>
    </BrowserRouter>
  );
}
