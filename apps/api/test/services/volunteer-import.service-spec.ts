import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { VolunteerImportService } from '../../src/modules/volunteers/volunteer-import.service';
import { createTestApp, DEMO, demoIds, uniquePhone, type TestApp } from '../setup/test-app';
import { authUser } from './helpers';

/** The import planner as its own unit (VolunteerImportService), on the real test database. */
describe('VolunteerImportService', () => {
  let t: TestApp;
  let db: DataSource;
  let importer: VolunteerImportService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let siteAdmin: AuthUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    importer = t.app.get(VolunteerImportService);
    ids = await demoIds(t);
    siteAdmin = await authUser(db, DEMO.site);
  });
  afterAll(() => t.close());

  const csv = (lines: string[]) => ({
    buffer: Buffer.from('\ufeff' + ['姓名,手机号,性别,出生日期,政治面貌,特长,所属站点,身份证号,队伍', ...lines].join('\n'), 'utf8'),
    originalname: '名单.csv',
  });
  const byPhone = (phones: string[]) =>
    db.query(`SELECT phone, name, site_id FROM volunteers WHERE phone = ANY($1::varchar[]) ORDER BY phone`, [phones]) as Promise<
      Array<{ phone: string; name: string; site_id: string }>
    >;
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as { code: string; extra: { errors: Array<{ row: number; field: string; message: string }> } };
    }
    throw new Error('expected the import to be refused');
  };

  it('resolves a station by its short name and the default site for rows without one; a known phone is updated', async () => {
    const [p1, p2] = [uniquePhone(), uniquePhone()];
    const res = await importer.import(siteAdmin, csv([`王丽,${p1},女,,,,东关社区,,`, `赵强,${p2},男,,,,,,`]), ids.yongqingStationId);
    expect(res).toEqual({ created: 2, updated: 0, errors: [] });
    const rows = await byPhone([p1, p2]);
    const [dongguan] = await db.query(`SELECT id FROM sites WHERE name = '东关社区新时代文明实践站'`);
    expect(rows.find((r) => r.phone === p1)!.site_id).toBe(dongguan.id);
    expect(rows.find((r) => r.phone === p2)!.site_id).toBe(ids.yongqingStationId);
    expect(await importer.import(siteAdmin, csv([`王丽华,${p1},女,,,,东关社区,,`]))).toEqual({ created: 0, updated: 1, errors: [] });
    expect((await byPhone([p1]))[0].name).toBe('王丽华');
  });

  it('any bad row imports nothing; every error names its row and field', async () => {
    const [p1, p2, p3] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const err = await failure(
      importer.import(siteAdmin, csv([`甲,${p1},女,,,,东关社区,,`, `乙,${p2},男,,,,没有这个站,,`, `丙,${p3},男,,,,东关社区,,没有这个队`]), undefined),
    );
    expect(err.code).toBe('IMPORT_ROWS_INVALID');
    expect(err.extra.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '所属站点'],
      [4, '队伍'],
    ]);
    expect(await byPhone([p1, p2, p3])).toHaveLength(0);
  });

  it("a site outside the admin's scope, and a default site outside it, are refused", async () => {
    const err = await failure(importer.import(siteAdmin, csv([`丁,${uniquePhone()},男,,,,红堡镇新时代文明实践所,,`])));
    expect(err.extra.errors[0]).toMatchObject({ row: 2, field: '所属站点', message: '该站点不在您的管理范围内' });
    expect((await failure(importer.import(siteAdmin, csv([`戊,${uniquePhone()},男,,,,,,`]), ids.otherStationId))).code).toBe('OUT_OF_SCOPE');
  });
});
