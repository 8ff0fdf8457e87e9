import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { createTestApp, DEMO, bearer, uniquePhone, type TestApp } from '../setup/test-app';

/**
 * Thousands of Chinese names through the real import endpoint, read back from the database character for character.
 * exceljs 4.4.0's streaming reader decodes every inflated chunk of a zip entry on its own, so a 3-byte character
 * that straddles two chunks came out as U+FFFD (李秀兰 → 李��兰); the import reads through a reader that keeps the
 * partial bytes (common/files/excel.ts). Each XLSX below is first read with exceljs' plain streaming reader, which
 * must break some cell of it (so the test can fail: the file does put characters across chunk edges); the CSV path
 * (decoded whole) is covered the same way.
 */
describe('POST /volunteers/import — Chinese names across chunk boundaries', () => {
  let t: TestApp;
  let db: DataSource;
  let siteAdmin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    siteAdmin = bearer(await t.token(DEMO.site));
  });
  afterAll(() => t.close());

  const SURNAMES =
    '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
  const GIVEN = '秀兰桂英玉珍凤华建国志强丽娟春梅晓红海燕德明文军永红淑芬金花卫东小平国庆树林振华新民彩霞红霞';
  /** `n` distinct names of 2–4 characters (surname + 1–3 given characters), different lengths so chunk edges fall anywhere. */
  function chineseNames(n: number, salt: number): string[] {
    const out: string[] = [];
    for (let i = 0; out.length < n; i++) {
      const k = i + salt * 7919;
      const given = Array.from({ length: 1 + (k % 3) }, (_, j) => GIVEN[(Math.floor(k / (3 + j)) * (j + 1) + j * 11) % GIVEN.length]).join('');
      out.push(SURNAMES[k % SURNAMES.length] + given);
    }
    return out;
  }

  /** A buffer as 64 KB chunks, as the import hands an upload to exceljs. */
  const chunked = (buf: Buffer) =>
    Readable.from(
      (function* () {
        for (let at = 0; at < buf.length; at += 64 * 1024) yield buf.subarray(at, at + 64 * 1024);
      })(),
    );
  /**
   * Cells that exceljs' own streaming reader (no fix) reads with U+FFFD from this file: the precondition that the file
   * does put characters across chunk edges, so the import below would fail without the fix.
   */
  async function splitByPlainReader(buf: Buffer): Promise<number> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(chunked(buf), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    let bad = 0;
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) row.eachCell((c) => void (String(c.value).includes('\ufffd') && bad++));
      break;
    }
    return bad;
  }

  async function importAndReadBack(file: Buffer, fileName: string, phones: string[], names: string[]) {
    const res = await t.http().post('/api/v1/volunteers/import').set(siteAdmin).attach('file', file, fileName);
    expect(res.body).toEqual({ created: names.length, updated: 0, errors: [] });
    expect(res.status).toBe(201);
    const rows: { name: string; phone: string; skills: string[] }[] = await db.query(`SELECT name, phone, skills FROM volunteers WHERE phone = ANY($1::varchar[])`, [
      phones,
    ]);
    expect(rows).toHaveLength(names.length);
    const byPhone = new Map(rows.map((r) => [r.phone, r]));
    const wrong = phones
      .map((p, i) => ({ row: i + 2, name: names[i], skills: [skill(names[i])], got: byPhone.get(p) }))
      .filter((x) => x.got?.name !== x.name || JSON.stringify(x.got?.skills) !== JSON.stringify(x.skills));
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(rows.filter((r) => `${r.name}${r.skills.join('')}`.includes('\ufffd'))).toEqual([]);
  }

  const N = 3000;
  /** A long Chinese cell beside the name: most bytes of the sheet are inside Chinese characters. */
  const skill = (name: string) => `${name}擅长理发义诊书法剪纸`;

  it('an XLSX with shared strings (as Excel and WPS save it) keeps every character', async () => {
    const names = chineseNames(N, 1);
    const phones = names.map(() => uniquePhone());
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('志愿者');
    ws.addRow(['姓名', '手机号', '性别', '所属站点', '特长']);
    names.forEach((name, i) => ws.addRow([name, phones[i], i % 2 ? '男' : '女', '东关社区', skill(name)]));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    // the file does exercise the bug: exceljs' plain streaming reader breaks some of its cells
    expect(await splitByPlainReader(buf)).toBeGreaterThan(0);
    await importAndReadBack(buf, '名单.xlsx', phones, names);
  });

  it('an XLSX with inline strings in the sheet (streaming writers) keeps every character', async () => {
    const names = chineseNames(N, 2);
    const phones = names.map(() => uniquePhone());
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('志愿者');
    ws.addRow(['姓名', '手机号', '性别', '所属站点', '特长']).commit();
    names.forEach((name, i) => ws.addRow([name, phones[i], i % 2 ? '男' : '女', '东关社区', skill(name)]).commit());
    ws.commit();
    await wb.commit();
    const buf = Buffer.concat(parts);
    expect(await splitByPlainReader(buf)).toBeGreaterThan(0);
    await importAndReadBack(buf, '名单.xlsx', phones, names);
  });

  it('a UTF-8 CSV of the same size keeps every character', async () => {
    const names = chineseNames(N, 3);
    const phones = names.map(() => uniquePhone());
    const text =
      '\ufeff' + ['姓名,手机号,性别,所属站点,特长', ...names.map((name, i) => `${name},${phones[i]},${i % 2 ? '男' : '女'},东关社区,${skill(name)}`)].join('\r\n');
    await importAndReadBack(Buffer.from(text, 'utf8'), '名单.csv', phones, names);
  });
});
