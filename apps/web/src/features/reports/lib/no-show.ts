/** 0.125 → "12.5%"; the API sends the rate as 0–1 with 3 decimals. */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Default period: the last 90 days up to today (Asia/Shanghai dates). */
export function defaultPeriod(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 89);
  return { from: d.toISOString().slice(0, 10), to: today };
}
