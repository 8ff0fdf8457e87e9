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

registerServiceWorker();
startOfflineSync();
