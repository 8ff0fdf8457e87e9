// Opens the exported files as a user would and checks the numbers against the API:
//   XLSX → LibreOffice headless (soffice --convert-to csv) → 合计 row == /stats/summary
//   CSV  → read back (BOM, 合计 row) == /stats/summary
// Usage: node bench/verify-exports.mjs   (API built; database wenming_bench from bench/generate.mjs, or BENCH_DB)
// Needs LibreOffice: apt-get install -y libreoffice-calc
import { randomBytes } from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, dbUrl } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3204);
const BASE = `http://127.0.0.1:${PORT}/api/v1`;
const CASES = [{ by: 'town', from: '2025-01-01', to: '2025-12-31' }, { by: 'category' }, { by: 'month', from: '2026-01-01', to: '2026-06-30', kind: 'service_day' }];

const api = spawn(process.execPath, [join(API, 'dist/main.js')], {
  env: {
    ...process.env,
    DATABASE_URL: dbUrl(),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: '/tmp/wenming-bench-api',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let failed = 0;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) break;
    } catch {}
    if (i > 120) throw new Error('API did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const login = await fetch(`${BASE}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000001', password: process.env.SEED_PASSWORD ?? 'Demo@2026' }),
  });
  const auth = { Authorization: `Bearer ${(await login.json()).accessToken}` };
  const dir = mkdtempSync(join(tmpdir(), 'wm-exports-'));
  for (const c of CASES) {
    const { by, ...filter } = c;
    const summary = await (await fetch(`${BASE}/stats/summary?${new URLSearchParams(filter)}`, { headers: auth })).json();
    const expected = [summary.activities, summary.personTimes, summary.volunteers, summary.serviceHours, summary.serviceMinutes, summary.audienceReached].map(String);
    // XLSX through LibreOffice
    const x = await fetch(`${BASE}/exports/stats?${new URLSearchParams({ ...c, format: 'xlsx' })}`, { headers: auth });
    const xlsxPath = join(dir, `stats-${by}.xlsx`);
    writeFileSync(xlsxPath, Buffer.from(await x.arrayBuffer()));
    execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, xlsxPath], { stdio: 'ignore' });
    const lo = readFileSync(join(dir, `stats-${by}.csv`), 'utf8').split(/\r?\n/);
    const loTotal = lo
      .find((l) => l.startsWith('合计,'))
      ?.split(',')
      .slice(1);
    // CSV read back
    const v = await fetch(`${BASE}/exports/stats?${new URLSearchParams({ ...c, format: 'csv' })}`, { headers: auth });
    const bytes = Buffer.from(await v.arrayBuffer());
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf; // fetch's text() would strip it
    const text = bytes.toString('utf8');
    const csvTotal = text
      .split('\r\n')
      .find((l) => l.startsWith('合计,'))
      ?.split(',')
      .slice(1);
    const ok = bom && JSON.stringify(loTotal) === JSON.stringify(expected) && JSON.stringify(csvTotal) === JSON.stringify(expected);
    if (!ok) failed++;
    console.log(
      `${ok ? 'OK  ' : 'FAIL'} by=${by} ${JSON.stringify(filter)}\n  summary     ${expected.join(' ')}\n  xlsx (LO)   ${loTotal?.join(' ')}\n  csv (BOM ${bom}) ${csvTotal?.join(' ')}\n  disposition ${x.headers.get('content-disposition')}`,
    );
  }
} finally {
  api.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
