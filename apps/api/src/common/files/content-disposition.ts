/** RFC 5987 / 6266: an ASCII fallback filename plus filename*=UTF-8''<percent-encoded> for the Chinese name. */
export function contentDisposition(utf8Name: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** 2026-11-29 12:05 in Asia/Shanghai. */
export function shanghaiDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
