import ExcelJS from 'exceljs';
import { createTestApp, DEMO, bearer, demoIds, uniquePhone, type TestApp } from '../setup/test-app';

describe('POST /volunteers/import', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let siteAdmin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
    siteAdmin = bearer(await t.token(DEMO.site));
  });
  afterAll(() => t.close());

  const csv = (lines: string[]) => Buffer.from('\ufeff' + ['姓名,手机号,性别,出生日期,政治面貌,特长,所属站点,身份证号,队伍', ...lines].join('\n'), 'utf8');

  it('imports a CSV: creates new phones, updates known ones, joins the team', async () => {
    const p1 = uniquePhone();
    const p2 = uniquePhone();
    const res = await t
      .http()
      .post('/api/v1/volunteers/import')
      .set(siteAdmin)
      .attach(
        'file',
        csv([`杨春梅,${p1},女,1985/3/7,中共党员,理发、义诊,东关社区,,永清镇红马甲志愿服务队`, `马国强,${p2},男,1970-01-02,群众,,东关社区新时代文明实践站,,`]),
        '名单.csv',
      );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 2, updated: 0, errors: [] });
    const found = await t.http().get('/api/v1/volunteers').query({ q: p1 }).set(siteAdmin);
    expect(found.body.items[0]).toMatchObject({ name: '杨春梅', gender: 'female', birthDate: '1985-03-07', politicalStatus: 'party_member', skills: ['理发', '义诊'] });
    const members = await t.http().get('/api/v1/volunteers').query({ teamId: ids.demoTeamId, q: p1 }).set(siteAdmin);
    expect(members.body.total).toBe(1);

    const again = await t
      .http()
      .post('/api/v1/volunteers/import')
      .set(siteAdmin)
      .attach('file', csv([`杨春梅,${p1},女,1985-03-07,中共党员,书法,东关社区,,`]), 'again.csv');
    expect(again.body).toEqual({ created: 0, updated: 1, errors: [] });
  });

  it('imports an XLSX the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('志愿者');
    ws.addRow(['姓名', '手机号', '性别', '所属站点']);
    const phone = uniquePhone();
    ws.addRow(['苏晓红', phone, '女', '东关社区']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.http().post('/api/v1/volunteers/import').set(siteAdmin).attach('file', buf, '名单.xlsx');
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: { created: 1, updated: 0, errors: [] } });
  });

  it('any bad row imports nothing; every error is listed with its row', async () => {
    const good = uniquePhone();
    const res = await t
      .http()
      .post('/api/v1/volunteers/import')
      .set(siteAdmin)
      .attach('file', csv([`好人,${good},男,,,,东关社区,,`, `,123,未知,1990-13-01,,,不存在的站,,`, `重号,${good},女,,,,东关社区,,`]), 'bad.csv');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_ROWS_INVALID');
    expect(res.body.created).toBe(0);
    const fields = res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(expect.arrayContaining(['3:姓名', '3:手机号', '3:性别', '3:出生日期', '3:所属站点', '4:手机号']));
    expect(res.body.message).toContain('第 3 行');
    const none = await t.http().get('/api/v1/volunteers').query({ q: good }).set(siteAdmin);
    expect(none.body.total).toBe(0);
  });

  it('out-of-scope sites are refused for a site admin; 401 and 403 for others; no file is 400', async () => {
    const res = await t
      .http()
      .post('/api/v1/volunteers/import')
      .set(siteAdmin)
      .attach('file', csv([`越权,${uniquePhone()},男,,,,红堡镇新时代文明实践所,,`]), 'x.csv');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('管理范围');
    expect((await t.http().post('/api/v1/volunteers/import').attach('file', csv([]), 'x.csv')).status).toBe(401);
    expect(
      (
        await t
          .http()
          .post('/api/v1/volunteers/import')
          .set(bearer(await t.token(DEMO.leader)))
          .attach('file', csv([]), 'x.csv')
      ).status,
    ).toBe(403);
    const nofile = await t.http().post('/api/v1/volunteers/import').set(siteAdmin);
    expect(nofile.status).toBe(400);
    expect(nofile.body.details[0].field).toBe('file');
    const wrongType = await t.http().post('/api/v1/volunteers/import').set(siteAdmin).attach('file', Buffer.from('x'), 'x.pdf');
    expect(wrongType.status).toBe(400);
  });
});
