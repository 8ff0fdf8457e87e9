import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useLogout } from '@/features/auth/api/auth-api';
import { useSession } from '@/features/auth/hooks/use-session';
import { NoticeBell } from '@/features/notices/components/notice-bell';
import { LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { isActivePath, volunteerNavItems } from '../volunteer-nav';
import { TabBar } from './tab-bar';

const ITEMS = volunteerNavItems();

/**
 * The light shell for volunteers (and anyone who is neither staff nor a team leader): a header with
 * the four destinations (a bottom tab bar on phones) and a logout button. No Layout/Menu/Drawer/
 * Dropdown, so the check-in link a volunteer scans downloads as little as possible.
 */
export function VolunteerShell() {
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const isMobile = useMediaQuery(PHONE_QUERY);
  const displayName = session.me?.volunteer?.name ?? session.me?.user.phone ?? '';

  const onLogout = () => {
    logout();
    navigate('/login', { replace: true });
  };

  return (
    <div style={{ minHeight: '100dvh', background: '#f5f5f5' }}>
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 56,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 12,
          padding: isMobile ? '0 12px' : '0 24px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {/* on a desktop the logo and the user's corner take equal shares around the centred row of destinations, so the row
            does not move when the name arrives (the server paints the header before JavaScript: index.html
            <template id="volunteer-shell">) */}
        <Link
          to="/"
          style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', minWidth: 0, textDecoration: 'none', flex: isMobile ? undefined : '1 1 0' }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>{isMobile ? t.appShortName : t.appName}</strong>
        </Link>
        {!isMobile ? (
          <nav aria-label={t.nav.volunteerGroup} style={{ display: 'flex', gap: 4, flex: 'none', justifyContent: 'center' }}>
            {ITEMS.map((i) => {
              const active = isActivePath(pathname, i.path);
              return (
                <Link
                  key={i.key}
                  to={i.path}
                  aria-current={active ? 'page' : undefined}
                  style={{
                    display: 'inline-flex',
                    textDecoration: 'none',
                    alignItems: 'center',
                    gap: 6,
                    padding: '6px 14px',
                    borderRadius: 6,
                    color: active ? '#c8161d' : 'rgba(0,0,0,0.75)',
                    background: active ? '#fff1f0' : 'transparent',
                    fontWeight: active ? 600 : 400,
                  }}
                >
                  {i.icon}
                  {i.label}
                </Link>
              );
            })}
          </nav>
        ) : null}
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0, ...(isMobile ? {} : { flex: '1 1 0', justifyContent: 'flex-end' }) }}>
          <NoticeBell />
          <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: 'rgba(0,0,0,0.65)' }}>{displayName}</span>
          <Button type="text" icon={<LogoutOutlined />} aria-label={t.auth.logout} onClick={onLogout}>
            {isMobile ? null : t.auth.logout}
          </Button>
        </div>
      </header>
      <main style={{ padding: isMobile ? 12 : 24, paddingBottom: isMobile ? 76 : 24, minWidth: 0 }}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
      {isMobile ? <TabBar items={ITEMS} /> : null}
    </div>
  );
}
