import { useEffect, useState } from 'react';
import { Button, Flex } from 'antd';
import { tOffline } from '@/lib/i18n';

type Updater = (reloadPage?: boolean) => Promise<void>;
let pendingUpdate: Updater | null = null;
const listeners = new Set<() => void>();

/**
 * Registers the service worker (production builds only) and remembers when a new version is waiting; the
 * prompt below shows "新版本可用，刷新". Called once from the web entry.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const update = registerSW({
      immediate: true,
      onNeedRefresh() {
        pendingUpdate = update;
        listeners.forEach((l) => l());
      },
    });
  });
}

/** A small bar at the bottom when a new version waits: 刷新 activates it and reloads; 稍后 hides the bar. */
export function PwaUpdatePrompt() {
  const [, force] = useState(0);
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  if (!pendingUpdate || hidden) return null;
  return (
    <Flex
      role="alert"
      data-testid="pwa-update"
      align="center"
      justify="space-between"
      gap={12}
      style={{
        position: 'fixed',
        left: 12,
        right: 12,
        bottom: 'calc(12px + env(safe-area-inset-bottom))',
        zIndex: 2000,
        padding: '10px 14px',
        background: '#262626',
        color: '#fff',
        borderRadius: 8,
        boxShadow: '0 6px 16px rgba(0,0,0,0.2)',
        maxWidth: 480,
        margin: '0 auto',
      }}
    >
      <span>{tOffline.updateReady}</span>
      <Flex gap={8}>
        <Button size="small" onClick={() => setHidden(true)}>
          {tOffline.updateLater}
        </Button>
        <Button size="small" type="primary" onClick={() => void pendingUpdate?.(true)}>
          {tOffline.updateNow}
        </Button>
      </Flex>
    </Flex>
  );
}
