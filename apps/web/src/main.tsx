import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/provider';
import { PwaUpdatePrompt, registerServiceWorker } from './app/pwa';
import { AppRouter } from './app/router';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <AppRouter />
      <PwaUpdatePrompt />
    </AppProviders>
  </StrictMode>,
);

// After the load event: on a first visit the worker precaches the whole app (~2 MB), which must not compete with the
// page's own files on a slow network; the offline queue's sender (IndexedDB) is a chunk of its own for the same reason.
function afterLoad() {
  registerServiceWorker();
  void import('./features/checkin/lib/offline-runtime').then((m) => m.startOfflineSync());
}
if (document.readyState === 'complete') afterLoad();
else window.addEventListener('load', afterLoad, { once: true });
