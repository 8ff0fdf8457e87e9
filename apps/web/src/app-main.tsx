import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/provider';
import { PwaUpdatePrompt, registerServiceWorker } from './app/pwa';
import { AppRouter, preloadRoute } from './app/router';
import { takeBootData } from './lib/boot-data';
import { createQueryClient } from './lib/query-client';

// The app itself (main.tsx imports this module once the first paint it may wait for is on screen).
// The first render waits for the page's own module (already downloading: the server preloads it), then runs as a
// transition: React renders in slices of a few milliseconds and lets the browser handle input in between, instead of
// one long task for the whole tree (the first load's Total Blocking Time on a slow phone).
// The data the server painted the page from (a station's menu: `<script type="application/json" id="route-data">`,
// apps/api/src/web/web-index.ts) goes into the query cache first, so that render is the same list, not a loading state.
const queryClient = createQueryClient();
try {
  const seeded = JSON.parse(document.getElementById('route-data')?.textContent || '[]') as Array<{ queryKey: unknown[]; data: unknown }>;
  for (const { queryKey, data } of seeded) queryClient.setQueryData(queryKey, data);
} catch {
  // not there or unreadable: the page fetches its data as usual
}
// A logged-in page's first requests were started by /boot.js before this module ran: their answers go into the cache too.
void Promise.all([preloadRoute(window.location.pathname), takeBootData(queryClient)]).then(() => {
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <AppProviders queryClient={queryClient}>
          <AppRouter />
          <PwaUpdatePrompt />
        </AppProviders>
      </StrictMode>,
    ),
  );
});

// After the load event: on a first visit the worker precaches the whole app (~2 MB), which must not compete with the
// page's own files on a slow network; the offline queue's sender (IndexedDB) is a chunk of its own for the same reason.
function afterLoad() {
  registerServiceWorker();
  void import('./features/checkin/lib/offline-runtime').then((m) => m.startOfflineSync());
}
if (document.readyState === 'complete') afterLoad();
else window.addEventListener('load', afterLoad, { once: true });
