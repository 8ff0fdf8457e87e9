import type { CSSProperties, ReactNode } from 'react';
import { theme } from 'antd';

/**
 * A light card for the volunteer pages. antd's Card imports Tabs (and through it Dropdown and
 * Menu) and Skeleton — ~70 KB of JS a volunteer scanning a check-in QR code never needs.
 */
export function Panel({
  title,
  extra,
  size = 'default',
  as: Tag = 'section',
  children,
  style,
  bodyStyle,
  'aria-label': ariaLabel,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  size?: 'default' | 'small';
  as?: 'section' | 'article' | 'div';
  children?: ReactNode;
  style?: CSSProperties;
  bodyStyle?: CSSProperties;
  'aria-label'?: string;
}) {
  const { token } = theme.useToken();
  const pad = size === 'small' ? 12 : 24;
  return (
    <Tag
      aria-label={ariaLabel}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        minWidth: 0,
        ...style,
      }}
    >
      {title || extra ? (
        <header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            minHeight: size === 'small' ? 38 : 56,
            padding: `0 ${pad}px`,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            fontWeight: 600,
            fontSize: size === 'small' ? token.fontSize : token.fontSizeLG,
          }}
        >
          <div style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>{title}</div>
          {extra ? <div style={{ fontWeight: 400, flex: 'none' }}>{extra}</div> : null}
        </header>
      ) : null}
      <div style={{ padding: pad, ...bodyStyle }}>{children}</div>
    </Tag>
  );
}
