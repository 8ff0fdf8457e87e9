import type { QueryClient } from '@tanstack/react-query';

/** One request public/boot.js started before the app's code ran: its query key and its answer. */
export interface BootEntry {
  key: unknown[];
  promise: Promise<unknown>;
  /** true once the answer arrived (then `data` holds it) */
  done: boolean;
  /** true once the request failed (the page asks again itself) */
  failed: boolean;
  data: unknown;
}

declare global {
  interface Window {
    __wenmingBoot?: { entries: BootEntry[]; settled: Promise<unknown> };
  }
}

/**
 * Hands the logged-in page's first requests, which public/boot.js started before the entry ran (issue 15: the
 * volunteer's /activities on a slow phone), to the query cache under the keys the page's hooks use: the answers that
 * are there go in as data (the first render shows them, no loading state, no second request); one still in flight after
 * `waitMs` goes in as that very request (the page's hook waits for it instead of asking again). A failed request is
 * left out: the page asks again itself and handles the error as usual (a 401 logs out).
 */
export async function takeBootData(queryClient: QueryClient, waitMs = 3000): Promise<void> {
  const boot = window.__wenmingBoot;
  if (!boot) return;
  delete window.__wenmingBoot;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([boot.settled.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  for (const entry of boot.entries) {
    try {
      if (entry.done) queryClient.setQueryData(entry.key, entry.data);
      else if (!entry.failed) void queryClient.prefetchQuery({ queryKey: entry.key, queryFn: () => entry.promise, retry: false });
    } catch {
      // an entry the cache does not take: the page asks for it itself
    }
  }
}
