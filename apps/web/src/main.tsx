import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/provider';
import { PwaUpdatePrompt, registerServiceWorker } from './app/pwa';
import { AppRouter } from './app/router';
import { startOfflineSync } from './features/checkin/lib/offline-runtime';
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
// page's own files on a slow network.
if (document.readyState === 'complete') registerServiceWorker();
else window.addEventListener('load', () => registerServiceWorker(), { once: true });
startOfflineSync();
