// Opens the exported files as a user would and checks the numbers against the API:
//   XLSX → LibreOffice headless (soffice --convert-to csv) → 合计 row == /stats/summary
//   CSV  → read back (BOM, 合计 row) == /stats/summary
// Usage: node bench/verify-exports.mjs   (API built; database wenming_bench from bench/generate.mjs, or BENCH_DB)
// Needs LibreOffice: apt-get install -y libreoffice-calc
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiRequire, dbUrl, startApi, waitHealthy } from './lib.mjs';

const { parse: parseCsv } = apiRequire('csv-parse/sync');
const SOFFICE = (() => {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const PORT = Number(process.env.BENCH_PORT ?? 3204);
const CASES = [{ by: 'town', from: '2025-01-01', to: '2025-12-31' }, { by: 'category' }, { by: 'month', from: '2026-01-01', to: '2026-06-30', kind: 'service_day' }];

const api = startApi({ port: PORT, databaseUrl: dbUrl() });
const BASE = api.base;
let failed = 0;
try {
  await waitHealthy(api);
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
    let loTotal = expected; // without LibreOffice only the CSV side is checked here
    if (SOFFICE) {
      execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, xlsxPath], { stdio: 'ignore' });
      const lo = readFileSync(join(dir, `stats-${by}.csv`), 'utf8').split(/\r?\n/);
      loTotal = lo
        .find((l) => l.startsWith('合计,'))
        ?.split(',')
        .slice(1);
    }
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
      `${ok ? 'OK  ' : 'FAIL'} by=${by} ${JSON.stringify(filter)}\n  summary     ${expected.join(' ')}\n  xlsx (LO)   ${SOFFICE ? loTotal?.join(' ') : 'skipped (no soffice)'}\n  csv (BOM ${bom}) ${csvTotal?.join(' ')}\n  disposition ${x.headers.get('content-disposition')}`,
    );
  }
  // the attendance detail export of one quarter: the XLSX (server-side cursor + exceljs' streaming writer) read back with
  // exceljs' streaming reader equals the CSV (COPY TO STDOUT with masking in SQL) cell by cell — two code paths
  const q = new URLSearchParams({ from: process.env.VERIFY_FROM ?? '2025-10-01', to: process.env.VERIFY_TO ?? '2025-12-31' });
  const csvText = Buffer.from(await (await fetch(`${BASE}/exports/attendance?${q}&format=csv`, { headers: auth })).arrayBuffer())
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const csvRows = parseCsv(csvText, { relax_column_count: true });
  const xlsxBuf = Buffer.from(await (await fetch(`${BASE}/exports/attendance?${q}&format=xlsx`, { headers: auth })).arrayBuffer());
  writeFileSync(join(dir, 'attendance.xlsx'), xlsxBuf);
  const ExcelJS = apiRequire('exceljs');
  // the whole-workbook reader: exceljs' streaming reader decodes each inflated chunk on its own and breaks a CJK
  // character split across two chunks (U+FFFD) — a reader bug; the file itself is valid UTF-8
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'attendance.xlsx'));
  const xlsxRows = [];
  wb.worksheets[0].eachRow({ includeEmpty: true }, (row, n) => {
    while (xlsxRows.length < n - 1) xlsxRows.push([]);
    const cells = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cell.value === null || cell.value === undefined ? '' : String(cell.value)));
    xlsxRows.push(cells);
  });
  const norm = (r) => {
    const cells = r.map((x) => x ?? '');
    while (cells.length && cells.at(-1) === '') cells.pop();
    return JSON.stringify(cells);
  };
  // the title's generation time may differ by a second between the two downloads: compare from the filter line on
  const diff = csvRows.findIndex((r, i) => i !== 2 && norm(r) !== norm(xlsxRows[i] ?? []));
  const attOk = csvRows.length > 5 && csvRows.length === xlsxRows.length && diff === -1;
  if (!attOk) failed++;
  console.log(
    `${attOk ? 'OK  ' : 'FAIL'} attendance ${q}: CSV ${csvRows.length} rows, XLSX ${xlsxRows.length} rows (${xlsxBuf.length} bytes)${diff === -1 ? ', equal cell by cell' : `, first difference at row ${diff + 1}: ${JSON.stringify(csvRows[diff])} vs ${JSON.stringify(xlsxRows[diff])}`}`,
  );
} finally {
  await api.stop();
}
process.exit(failed ? 1 : 0);
