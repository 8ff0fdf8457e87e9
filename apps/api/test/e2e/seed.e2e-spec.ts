import { createDataSource } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seed/seed';
import { TEAM_TYPES } from '@wenming/shared';
import { freshDatabase } from '../setup/databases';

/** The demo county on a brand-new database: the county's own figures, and the same every time. */
describe('demo seed (Qingshui County)', () => {
  async function seedFresh() {
    const db = await freshDatabase('wm_seed');
    const ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const summary = await seedDemo(ds, { password: 'Demo@2026' });
    return { db, ds, summary };
  }

  it('has the real towns, 350 sites in three levels, 300+ teams of every type, thousands of volunteers; deterministic', async () => {
    const a = await seedFresh();
    try {
      const q = (sql: string) => a.ds.query(sql);
      const towns = await q(`SELECT name FROM regions WHERE level = 'town' ORDER BY code`);
      expect(towns.map((r: { name: string }) => r.name)).toEqual([
        '永清镇',
        '红堡镇',
        '白驼镇',
        '金集镇',
        '秦亭镇',
        '山门镇',
        '白沙镇',
        '王河镇',
        '郭川镇',
        '黄门镇',
        '松树镇',
        '远门镇',
        '土门镇',
        '贾川乡',
        '丰望乡',
        '草川铺镇',
        '陇东乡',
        '新城乡',
      ]);
      const [{ villages }] = await q(`SELECT count(*)::int AS villages FROM regions WHERE level = 'village'`);
      expect(villages).toBeGreaterThanOrEqual(250);
      expect(villages).toBeLessThanOrEqual(270);
      const communities = await q(`SELECT name FROM regions WHERE level = 'community'`);
      expect(communities.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['东关社区', '永和社区']));

      const levels = await q(`SELECT level, count(*)::int AS n FROM sites GROUP BY level ORDER BY level`);
      expect(Object.fromEntries(levels.map((r: { level: string; n: number }) => [r.level, r.n]))).toEqual({ center: 1, institute: 18, station: 331 });
      // every institute hangs under the center, every station under an institute of its own town
      const [{ bad }] = await q(`SELECT count(*)::int AS bad FROM sites s JOIN sites p ON p.id = s.parent_id
        JOIN regions r ON r.id = s.region_id WHERE s.level = 'station' AND (p.level <> 'institute' OR r.parent_id <> p.region_id)`);
      expect(bad).toBe(0);

      const teamTypes = await q(`SELECT type, count(*)::int AS n FROM teams GROUP BY type`);
      const byType = Object.fromEntries(teamTypes.map((r: { type: string; n: number }) => [r.type, r.n]));
      for (const type of TEAM_TYPES) expect(byType[type]).toBeGreaterThan(0);
      const [{ teams }] = await q(`SELECT count(*)::int AS teams FROM teams`);
      expect(teams).toBeGreaterThanOrEqual(300);
      const [{ leaderless }] = await q(
        `SELECT count(*)::int AS leaderless FROM teams t WHERE NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = t.id AND m.role = 'leader')`,
      );
      expect(leaderless).toBe(0);

      const [{ volunteers, pupils }] = await q(`SELECT count(*)::int AS volunteers, count(*) FILTER (WHERE phone IS NULL)::int AS pupils FROM volunteers`);
      expect(volunteers).toBeGreaterThanOrEqual(3000);
      expect(pupils).toBeGreaterThan(500);

      const logins = await q(
        `SELECT u.phone, u.role, s.name AS site, v.name AS volunteer FROM users u LEFT JOIN sites s ON s.id = u.site_id LEFT JOIN volunteers v ON v.id = u.volunteer_id ORDER BY u.phone`,
      );
      expect(logins.map((l: { phone: string; role: string }) => [l.phone, l.role])).toEqual([
        ['13800000001', 'county_admin'],
        ['13800000002', 'site_admin'],
        ['13800000003', 'volunteer'],
        ['13800000004', 'volunteer'],
      ]);
      expect(logins[1].site).toBe('永清镇新时代文明实践所');
      const [lead] = await q(
        `SELECT t.name, t.type FROM team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.volunteer_id = m.volunteer_id WHERE u.phone = '13800000003' AND m.role = 'leader'`,
      );
      expect(lead).toEqual({ name: '永清镇红马甲志愿服务队', type: 'red_vest' });
      const [mem] = await q(
        `SELECT m.role FROM team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.volunteer_id = m.volunteer_id WHERE u.phone = '13800000004' AND t.name = '永清镇红马甲志愿服务队'`,
      );
      expect(mem.role).toBe('member');

      // deterministic: a second seed into another fresh database gives the same county, name for name in id order,
      // but with other ids (ids must not be the same on every install)
      const b = await seedFresh();
      try {
        expect(b.summary).toEqual(a.summary);
        const fingerprint = `SELECT md5(string_agg(name, ',' ORDER BY id)) AS f, md5(string_agg(id::text, ',' ORDER BY id)) AS ids FROM `;
        for (const table of ['regions', 'sites', 'teams', 'volunteers']) {
          const [fa] = await a.ds.query(fingerprint + table);
          const [fb] = await b.ds.query(fingerprint + table);
          expect(fb.f).toBe(fa.f);
          expect(fb.ids).not.toBe(fa.ids);
        }
        const loginIds = `SELECT string_agg(id::text, ',' ORDER BY phone) AS ids FROM users`;
        const [la] = await a.ds.query(loginIds);
        const [lb] = await b.ds.query(loginIds);
        expect(lb.ids).not.toBe(la.ids);
      } finally {
        await b.ds.destroy();
        await b.db.drop();
      }
    } finally {
      await a.ds.destroy();
      await a.db.drop();
    }
  }, 300_000);
});
