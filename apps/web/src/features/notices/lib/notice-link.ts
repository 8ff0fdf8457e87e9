/**
 * The web route a notice's `link` opens. The API writes a few paths that are API-shaped rather than
 * web routes (/me/record, /service-orders/:id); they map onto the pages that show those things.
 */
export function noticeRoute(link: string | null): string | null {
  if (!link) return null;
  if (link === '/me/record') return '/record';
  if (/^\/service-orders\/[^/]+$/.test(link)) return '/orders';
  return link.startsWith('/') ? link : null;
}
