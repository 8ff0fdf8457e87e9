import type { ReactNode } from 'react';
import { CalendarOutlined, FileTextOutlined, GiftOutlined, QrcodeOutlined, TrophyOutlined } from '@ant-design/icons';
import { t } from '@/lib/i18n';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  group: 'staff' | 'leader' | 'volunteer';
}

/** The volunteer's destinations (activities, own sign-ups, check-in, record, 积分超市); shared by the light volunteer shell and the admin menu. */
export function volunteerNavItems(): NavItem[] {
  return [
    { key: 'activities', path: '/activities', label: t.nav.browseActivities, icon: <FileTextOutlined />, group: 'volunteer' },
    { key: 'my-activities', path: '/my-activities', label: t.nav.myActivities, icon: <CalendarOutlined />, group: 'volunteer' },
    { key: 'checkin', path: '/checkin', label: t.nav.checkin, icon: <QrcodeOutlined />, group: 'volunteer' },
    { key: 'record', path: '/record', label: t.nav.myRecord, icon: <TrophyOutlined />, group: 'volunteer' },
    { key: 'points', path: '/points', label: t.nav.supermarket, icon: <GiftOutlined />, group: 'volunteer' },
  ];
}

export function isActivePath(pathname: string, path: string): boolean {
  return pathname === path || pathname.startsWith(path + '/');
}
