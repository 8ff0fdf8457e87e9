import { useState } from 'react';
import { GiftOutlined } from '@ant-design/icons';

/** The goods' picture, or a plain gift tile when there is none or it fails to load. */
export function GoodsImage({ src, alt, size = 72 }: { src: string | null; alt: string; size?: number }) {
  const [broken, setBroken] = useState(false);
  const box = { width: size, height: size, borderRadius: 8, flex: 'none' as const };
  if (!src || broken) {
    return (
      <div aria-hidden style={{ ...box, display: 'grid', placeItems: 'center', background: '#fff1f0', color: '#c8161d', fontSize: size / 2.4 }}>
        <GiftOutlined />
      </div>
    );
  }
  return <img src={src} alt={alt} loading="lazy" onError={() => setBroken(true)} style={{ ...box, objectFit: 'cover', background: '#fafafa' }} />;
}
