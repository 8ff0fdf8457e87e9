import { Link, useLocation } from 'react-router-dom';
import { t } from '@/lib/i18n';
import { isActivePath, type NavItem } from '../volunteer-nav';

/** The phone's bottom tab bar for the volunteer destinations (plain links, no antd). */
export function TabBar({ items }: { items: NavItem[] }) {
  const { pathname } = useLocation();
  return (
    <nav
      aria-label={t.nav.volunteerGroup}
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        height: 60,
        paddingBottom: 'env(safe-area-inset-bottom)',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        display: 'grid',
        gridTemplateColumns: `repeat(${items.length}, 1fr)`,
        zIndex: 20,
      }}
    >
      {items.map((i) => {
        const active = isActivePath(pathname, i.path);
        return (
          <Link
            key={i.key}
            to={i.path}
            aria-current={active ? 'page' : undefined}
            style={{
              display: 'flex',
              flexDirection: 'column',
              textDecoration: 'none',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              fontSize: 12,
              color: active ? '#c8161d' : 'rgba(0,0,0,0.65)',
            }}
          >
            <span style={{ fontSize: 20 }}>{i.icon}</span>
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
