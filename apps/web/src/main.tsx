import './styles.css';

/**
 * The entry: only the global styles and this. A logged-in /activities is first painted by public/boot.js from its own
 * API requests (the volunteer's cards); the app's ~370 KiB of JavaScript is asked for once those cards are on screen
 * (`painted`, at most a few seconds), so on a slow phone the list's requests do not share the line with it and the
 * cards come first. Every other page (and /activities when boot.js did not run) loads the app at once; the server
 * preloads its chunks (apps/api/src/web/web-index.ts).
 */
declare global {
  interface Window {
    __wenmingPainted?: Promise<void>;
  }
}

void (window.__wenmingPainted ?? Promise.resolve()).then(() => import('./app-main'));

export {};
