import { useCallback, useSyncExternalStore } from 'react';

/** `window.matchMedia` as a hook (no antd Grid needed in the light shells). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const mql = window.matchMedia?.(query);
      mql?.addEventListener?.('change', onChange);
      return () => mql?.removeEventListener?.('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** antd's `md` breakpoint: below 768 px is a phone. */
export const PHONE_QUERY = '(max-width: 767.98px)';
