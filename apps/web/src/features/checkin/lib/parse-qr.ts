/** The leader's QR payload is the web app's check-in URL: …/checkin/<activityId>?code=123456 */
export function parseCheckinPayload(raw: string): { activityId: string; code: string | null } | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), typeof window !== 'undefined' ? window.location.origin : 'http://localhost');
  } catch {
    return null;
  }
  const m = /\/checkin\/([0-9a-fA-F-]{8,}|[\w-]+)\/?$/.exec(url.pathname);
  if (!m) return null;
  const code = url.searchParams.get('code');
  return { activityId: m[1], code: code && /^\d{6}$/.test(code) ? code : null };
}

export const isSixDigits = (code: string | null | undefined): code is string => !!code && /^\d{6}$/.test(code);
