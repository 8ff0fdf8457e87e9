import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useLogout } from '@/features/auth/api/auth-api';
import { useSession } from '@/features/auth/hooks/use-session';
import { NoticeBell } from '@/features/notices/components/notice-bell';
import { LoadingState } from '@/components/ui/states';
import { ROLE_LABELS, t } from '@/lib/i18n';
import { navItemsFor, type NavItem } from '../nav';
import { TabBar } from './tab-bar';

const GROUP_LABELS: Record<NavItem['group'], string> = {
  staff: t.nav.staffGroup,
  leader: t.nav.leaderGroup,
  volunteer: t.nav.volunteerGroup,
};

function selectedKey(items: NavItem[], pathname: string): string | undefined {
  const match = items.filter((i) => pathname === i.path || pathname.startsWith(i.path + '/')).sort((a, b) => b.path.length - a.path.length)[0];
  return match ? `${match.group}:${match.key}` : undefined;
}

function toMenuItems(items: NavItem[]): MenuProps['items'] {
  const groups = [...new Set(items.map((i) => i.group))];
  const leaf = (i: NavItem) => ({ key: `${i.group}:${i.key}`, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> });
  if (groups.length <= 1) return items.map(leaf);
  return groups.map((g) => ({ type: 'group' as const, key: g, label: GROUP_LABELS[g], children: items.filter((i) => i.group === g).map(leaf) }));
}

/** The admin / leader shell: side menu (drawer on phones), user menu. Loaded lazily — volunteers never download it. */
export function AppShell() {
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = useMemo(() => navItemsFor(session), [session]);
  const menuItems = useMemo(() => toMenuItems(items), [items]);
  const selected = selectedKey(items, location.pathname);
  const volunteerTabs = items.filter((i) => i.group === 'volunteer');
  const showTabBar = isMobile && volunteerTabs.length > 0;

  const me = session.me;
  const displayName = me?.volunteer?.name ?? me?.user.phone ?? '';
  const roleLabel = me ? (session.isLeader ? `${ROLE_LABELS[me.user.role]} · ${t.nav.leaderGroup}` : ROLE_LABELS[me.user.role]) : '';

  const userMenu: MenuProps = {
    items: [{ key: 'who', label: roleLabel, disabled: true }, { type: 'divider' }, { key: 'logout', icon: <LogoutOutlined />, label: t.auth.logout, danger: true }],
    onClick: ({ key }) => {
      if (key === 'logout') {
        logout();
        navigate('/login', { replace: true });
      }
    },
  };

  const nav = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menuItems}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
      aria-label={t.nav.menu}
    />
  );

  const brand = (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
        {isMobile ? t.appShortName : t.appName}
      </Typography.Text>
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100dvh' }}>
      {!isMobile ? (
        <Layout.Sider width={224} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 16px 8px' }}>{brand}</div>
          <nav>{nav}</nav>
        </Layout.Sider>
      ) : null}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isMobile ? '0 12px' : '0 24px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex align="center" gap={8}>
            {isMobile ? <Button type="text" icon={<MenuOutlined />} aria-label={t.nav.menu} onClick={() => setDrawerOpen(true)} /> : null}
            {isMobile ? brand : <Typography.Text type="secondary">{t.county}</Typography.Text>}
          </Flex>
          <Flex align="center" gap={4}>
            <NoticeBell />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" aria-label={displayName || t.auth.logout}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} />
                <span style={{ marginInlineStart: 6, maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>{displayName}</span>
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, paddingBottom: showTabBar ? 76 : undefined, minWidth: 0 }}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isMobile ? (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={248} title={brand}>
          <nav>{nav}</nav>
        </Drawer>
      ) : null}
      {showTabBar ? <TabBar items={volunteerTabs} /> : null}
    </Layout>
  );
}
