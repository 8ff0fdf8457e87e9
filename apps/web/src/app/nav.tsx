import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  GiftOutlined,
  StarOutlined,
  HeartOutlined,
  WarningOutlined,
  KeyOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Session } from '@/features/auth/hooks/use-session';
import { t } from '@/lib/i18n';
import { volunteerNavItems, type NavItem } from './volunteer-nav';

export type { NavItem } from './volunteer-nav';
export { homePathFor } from './home-path';

/** Role-aware navigation; a volunteer who leads teams gets the leader items as well. */
export function navItemsFor(session: Pick<Session, 'role' | 'isLeader' | 'isCountyAdmin' | 'isStaff' | 'isVolunteer'>): NavItem[] {
  const items: NavItem[] = [];
  if (session.isStaff) {
    items.push(
      { key: 'dashboard', path: '/dashboard', label: t.nav.dashboard, icon: <BarChartOutlined />, group: 'staff' },
      { key: 'sites', path: '/sites', label: t.nav.sites, icon: <EnvironmentOutlined />, group: 'staff' },
      { key: 'teams', path: '/teams', label: t.nav.teams, icon: <TeamOutlined />, group: 'staff' },
      { key: 'volunteers', path: '/volunteers', label: t.nav.volunteers, icon: <UserOutlined />, group: 'staff' },
      { key: 'manage-activities', path: '/manage/activities', label: t.nav.activities, icon: <CalendarOutlined />, group: 'staff' },
      { key: 'orders', path: '/orders', label: t.nav.orders, icon: <ShoppingCartOutlined />, group: 'staff' },
      { key: 'registration-claims', path: '/registration-claims', label: t.nav.claims, icon: <SolutionOutlined />, group: 'staff' },
      { key: 'goods', path: '/manage/points', label: t.nav.goods, icon: <GiftOutlined />, group: 'staff' },
      { key: 'deeds', path: '/manage/deeds', label: t.nav.deeds, icon: <HeartOutlined />, group: 'staff' },
      { key: 'honours', path: '/manage/honours', label: t.nav.honours, icon: <StarOutlined />, group: 'staff' },
      { key: 'reports', path: '/reports/no-shows', label: t.nav.reports, icon: <WarningOutlined />, group: 'staff' },
    );
    if (session.isCountyAdmin) {
      items.push(
        { key: 'users', path: '/users', label: t.nav.users, icon: <KeyOutlined />, group: 'staff' },
        { key: 'audit-log', path: '/audit-log', label: t.nav.auditLog, icon: <AuditOutlined />, group: 'staff' },
      );
    }
  }
  if (session.isLeader) {
    items.push(
      { key: 'my-teams', path: '/my-teams', label: t.nav.myTeams, icon: <TeamOutlined />, group: 'leader' },
      { key: 'manage-activities', path: '/manage/activities', label: t.nav.manageActivities, icon: <ScheduleOutlined />, group: 'leader' },
      { key: 'service-days', path: '/service-days', label: t.nav.serviceDays, icon: <ProfileOutlined />, group: 'leader' },
      { key: 'orders', path: '/orders', label: t.nav.orders, icon: <ShoppingCartOutlined />, group: 'leader' },
      { key: 'reports', path: '/reports/no-shows', label: t.nav.reports, icon: <WarningOutlined />, group: 'leader' },
    );
  }
  if (session.isVolunteer) items.push(...volunteerNavItems());
  return items;
}
