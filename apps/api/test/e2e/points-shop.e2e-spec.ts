import { DataSource } from 'typeorm';
import { RedemptionsService } from '../../src/modules/points-shop/redemptions.service';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

const API = '/api/v1';

async function volunteers(t: TestApp, siteId: string, n: number) {
  const out: Array<Awaited<ReturnType<typeof registerVolunteer>>> = [];
  for (let i = 0; i < n; i += 10) out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => registerVolunteer(t, siteId)))));
  return out;
}

describe('积分超市: goods, redemptions, points ledger, deeds, honours', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: Record<string, string>;
  let site: Record<string, string>;

  /** Points for a test volunteer as an `earned` ledger row (the way confirmed attendance gives them). */
  const grant = async (volunteerId: string, points: number) =>
    db.query(
      `INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind)
       SELECT $1, $2, coalesce((SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1), 0) + $2, '测试积分', 'earned'`,
      [volunteerId, points],
    );
  const balance = async (volunteerId: string) =>
    Number((await db.query(`SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1`, [volunteerId]))[0]?.balance_after ?? 0);
  const createGoods = async (body: Record<string, unknown>, who = county) => {
    const r = await t.http().post(`${API}/goods`).set(who).send(body);
    if (r.status !== 201) throw new Error(`goods: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string; stock: number; pointsPrice: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ids = await demoIds(t);
    county = bearer(await t.token(DEMO.county));
    site = bearer(await t.token(DEMO.site));
  });
  afterAll(() => t.close());

  describe('points are whole numbers', () => {
    it('the ledger columns are integers with CHECK balance_after >= 0', async () => {
      const cols: Array<{ column_name: string; data_type: string }> = await db.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'points_ledger' AND column_name IN ('delta', 'balance_after') ORDER BY column_name`,
      );
      expect(cols.map((c) => c.data_type)).toEqual(['integer', 'integer']);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await expect(
        db.query(`INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind) VALUES ($1, -1, -1, 'x', 'spent')`, [v.volunteerId]),
      ).rejects.toThrow();
    });
  });

  describe('goods catalogue', () => {
    it('county-wide goods by the county admin only; site goods by admins in scope; validation in Chinese', async () => {
      const g = await createGoods({ name: '大米 5 斤', pointsPrice: 30, stock: 20, imageUrl: '/img/rice.jpg' });
      expect(g).toMatchObject({ siteId: null, siteName: null, name: '大米 5 斤', pointsPrice: 30, stock: 20, active: true });
      const denied = await t.http().post(`${API}/goods`).set(site).send({ name: '肥皂', pointsPrice: 5, stock: 10 });
      expect(denied.status).toBe(403);
      const own = await t.http().post(`${API}/goods`).set(site).send({ name: '肥皂', pointsPrice: 5, stock: 10, siteId: ids.yongqingStationId });
      expect(own.status).toBe(201);
      expect(own.body.siteName).toBeTruthy();
      expect((await t.http().post(`${API}/goods`).set(site).send({ name: '毛巾', pointsPrice: 5, stock: 10, siteId: ids.otherStationId })).status).toBe(403);
      const bad = await t.http().post(`${API}/goods`).set(county).send({ name: '', pointsPrice: 0, stock: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'pointsPrice', 'stock']);
      expect(bad.body.message).toMatch(/正整数/);
      expect((await t.http().post(`${API}/goods`).set(county).send({ name: '油', pointsPrice: 1.5, stock: 1 })).status).toBe(400);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().post(`${API}/goods`).set(bearer(v.token)).send({ name: '油', pointsPrice: 1, stock: 1 })).status).toBe(403);
      expect((await t.http().post(`${API}/goods`).send({ name: '油', pointsPrice: 1, stock: 1 })).status).toBe(401);

      // a station's list holds its own and county-wide goods; volunteers see active goods only
      const off = await t.http().patch(`${API}/goods/${own.body.id}`).set(site).send({ active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const asVol = await t.http().get(`${API}/goods`).query({ siteId: ids.yongqingStationId, pageSize: 100 }).set(bearer(v.token));
      expect(asVol.status).toBe(200);
      const names = asVol.body.items.map((x: { id: string }) => x.id);
      expect(names).toContain(g.id);
      expect(names).not.toContain(own.body.id);
      const asAdmin = await t.http().get(`${API}/goods`).query({ siteId: ids.yongqingStationId, active: 'false', pageSize: 100 }).set(site);
      expect(asAdmin.body.items.map((x: { id: string }) => x.id)).toContain(own.body.id);
      expect((await t.http().get(`${API}/goods`).query({ siteId: 'nope' }).set(site)).status).toBe(400);
      expect((await t.http().patch(`${API}/goods/${g.id}`).set(site).send({ stock: 1 })).status).toBe(403);
      expect((await t.http().get(`${API}/goods/00000000-0000-4000-8000-000000000000`).set(site)).status).toBe(404);
      // never redeemed → deleted
      const del = await t.http().delete(`${API}/goods/${own.body.id}`).set(site);
      expect(del.body).toEqual({ id: own.body.id, deleted: true, active: false });
    });
  });

  describe('redemptions', () => {
    it('50 volunteers racing for the last 10 items: exactly 10 redemptions, stock 0, 10 holds in the ledger', async () => {
      const g = await createGoods({ name: '食用油 1 桶', pointsPrice: 5, stock: 10, siteId: ids.yongqingStationId });
      const racers = await volunteers(t, ids.yongqingStationId, 50);
      for (const r of racers) await grant(r.volunteerId, 10);
      const answers = await Promise.all(racers.map((r) => t.http().post(`${API}/redemptions`).set(bearer(r.token)).send({ goodsId: g.id })));
      const codes = answers.map((a) => a.status);
      expect(codes.filter((c) => c === 201)).toHaveLength(10);
      expect(codes.filter((c) => c === 409)).toHaveLength(40);
      expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(new Set(['OUT_OF_STOCK']));
      expect(answers.find((a) => a.status === 409)!.body.message).toMatch(/已兑完/);
      const [{ stock }] = await db.query(`SELECT stock FROM goods WHERE id = $1`, [g.id]);
      expect(Number(stock)).toBe(0);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM redemptions WHERE goods_id = $1 AND status = 'requested'`, [g.id]);
      expect(n).toBe(10);
      const holds = await db.query(`SELECT p.delta FROM points_ledger p JOIN redemptions r ON r.id = p.redemption_id WHERE r.goods_id = $1 AND p.kind = 'held'`, [g.id]);
      expect(holds.map((h: { delta: number }) => Number(h.delta))).toEqual(Array(10).fill(-5));
      const winners = answers.filter((a) => a.status === 201).map((a) => a.body.volunteerId);
      for (const r of racers) expect(await balance(r.volunteerId)).toBe(winners.includes(r.volunteerId) ? 5 : 10);
    });

    it('one volunteer racing five requests with points for two: exactly two, balance never below zero', async () => {
      const g = await createGoods({ name: '洗衣粉 1 袋', pointsPrice: 5, stock: 100 });
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await grant(v.volunteerId, 12);
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`${API}/redemptions`).set(bearer(v.token)).send({ goodsId: g.id })));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(['INSUFFICIENT_POINTS', 'INSUFFICIENT_POINTS', 'INSUFFICIENT_POINTS']);
      expect(await balance(v.volunteerId)).toBe(2);
      const [{ stock }] = await db.query(`SELECT stock FROM goods WHERE id = $1`, [g.id]);
      expect(Number(stock)).toBe(98);
    });

    it('fulfil / cancel / expire: held, spent and returned reconcile with the ledger, the balances and the stock', async () => {
      const g = await createGoods({ name: '毛巾 2 条', pointsPrice: 8, stock: 30, siteId: ids.yongqingStationId });
      const people = await volunteers(t, ids.yongqingStationId, 6);
      for (const p of people) await grant(p.volunteerId, 20);
      const req = async (p: (typeof people)[number]) => {
        const r = await t.http().post(`${API}/redemptions`).set(bearer(p.token)).send({ goodsId: g.id });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ goodsName: '毛巾 2 条', points: 8, status: 'requested', siteId: ids.yongqingStationId });
        return r.body as { id: string };
      };
      const rs = [];
      for (const p of people) rs.push(await req(p), await req(p)); // 12 requests, 16 points held each
      // staff hand over three
      for (const r of rs.slice(0, 3)) {
        const f = await t.http().post(`${API}/redemptions/${r.id}/fulfil`).set(site);
        expect(f.status).toBe(200);
        expect(f.body).toMatchObject({ status: 'fulfilled' });
        expect(f.body.fulfilledByName).toBeTruthy();
      }
      expect((await t.http().post(`${API}/redemptions/${rs[0].id}/fulfil`).set(site)).body.status).toBe('fulfilled'); // idempotent
      // another institute's admin may not; a volunteer may not
      const otherAdmin = await t
        .http()
        .post(`${API}/users`)
        .set(county)
        .send({ phone: `139${String(Date.now()).slice(-8)}`, password: 'Passw0rd!x', role: 'site_admin', siteId: ids.otherInstituteId });
      expect(otherAdmin.status).toBe(201);
      const other = bearer(await t.token(otherAdmin.body.phone, 'Passw0rd!x'));
      expect((await t.http().post(`${API}/redemptions/${rs[3].id}/fulfil`).set(other)).status).toBe(403);
      expect((await t.http().post(`${API}/redemptions/${rs[3].id}/fulfil`).set(bearer(people[1].token))).status).toBe(403);
      expect((await t.http().post(`${API}/redemptions/not-a-uuid/fulfil`).set(site)).status).toBe(400);
      // the volunteer cancels one of their own, staff cancel another; a fulfilled one cannot be cancelled
      const selfCancel = await t.http().post(`${API}/redemptions/${rs[3].id}/cancel`).set(bearer(people[1].token)).send({});
      expect(selfCancel.body).toMatchObject({ status: 'cancelled' });
      const staffCancel = await t.http().post(`${API}/redemptions/${rs[4].id}/cancel`).set(site).send({ reason: '暂时缺货' });
      expect(staffCancel.body).toMatchObject({ status: 'cancelled', cancelReason: '暂时缺货' });
      expect((await t.http().post(`${API}/redemptions/${rs[5].id}/cancel`).set(bearer(people[0].token)).send({})).status).toBe(403); // not theirs
      const late = await t.http().post(`${API}/redemptions/${rs[0].id}/cancel`).set(site).send({});
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('REDEMPTION_STATE_CONFLICT');
      // two expire
      await db.query(`UPDATE redemptions SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [[rs[6].id, rs[7].id]]);
      const expired = await db.transaction((em) => t.app.get(RedemptionsService).expireDue(em));
      expect(expired).toBeGreaterThanOrEqual(2);
      expect((await t.http().post(`${API}/redemptions/${rs[6].id}/fulfil`).set(site)).status).toBe(409);

      const all: Array<{ id: string; volunteer_id: string; status: string; points: number }> = await db.query(
        `SELECT id, volunteer_id, status, points FROM redemptions WHERE goods_id = $1`,
        [g.id],
      );
      const count = (s: string) => all.filter((r) => r.status === s).length;
      expect([count('requested'), count('fulfilled'), count('cancelled'), count('expired')]).toEqual([5, 3, 2, 2]);
      const [{ stock }] = await db.query(`SELECT stock FROM goods WHERE id = $1`, [g.id]);
      expect(Number(stock)).toBe(30 - count('requested') - count('fulfilled'));
      for (const p of people) {
        const mine = all.filter((r) => r.volunteer_id === p.volunteerId);
        const open = mine.filter((r) => r.status === 'requested').reduce((s, r) => s + Number(r.points), 0);
        const spent = mine.filter((r) => r.status === 'fulfilled').reduce((s, r) => s + Number(r.points), 0);
        // every row's balance_after is the running sum of the deltas
        const rows: Array<{ delta: number; balance_after: number; kind: string; redemption_id: string | null }> = await db.query(
          `SELECT delta, balance_after, kind, redemption_id FROM points_ledger WHERE volunteer_id = $1 ORDER BY id`,
          [p.volunteerId],
        );
        let run = 0;
        for (const r of rows) {
          run += Number(r.delta);
          expect(Number(r.balance_after)).toBe(run);
        }
        expect(run).toBe(20 - open - spent);
        expect(rows.filter((r) => r.kind === 'held')).toHaveLength(mine.length);
        expect(rows.filter((r) => r.kind === 'returned')).toHaveLength(mine.filter((r) => r.status === 'cancelled' || r.status === 'expired').length);
        const acct = await t.http().get(`${API}/me/points`).set(bearer(p.token));
        expect(acct.body).toMatchObject({ balance: run, held: open, spent, earned: 20, deeds: 0 });
        const viaAdmin = await t.http().get(`${API}/volunteers/${p.volunteerId}/points`).set(site);
        expect(viaAdmin.body.balance).toBe(run);
        const ledger = await t.http().get(`${API}/me/points/ledger`).query({ pageSize: 100 }).set(bearer(p.token));
        expect(ledger.body.total).toBe(rows.length);
        expect(ledger.body.items.filter((i: { kind: string }) => i.kind === 'spent').length).toBe(mine.filter((r) => r.status === 'fulfilled').length);
        const spentOnly = await t.http().get(`${API}/me/points/ledger`).query({ kind: 'spent' }).set(bearer(p.token));
        expect(spentOnly.body.total).toBe(mine.filter((r) => r.status === 'fulfilled').length);
      }
      expect((await t.http().get(`${API}/volunteers/${people[0].volunteerId}/points`).set(other)).status).toBe(403);
      expect((await t.http().get(`${API}/me/points/ledger`).query({ kind: 'bogus' }).set(bearer(people[0].token))).status).toBe(400);

      // the pickup list of the station: requested first; the volunteer's own list; the export
      const pick = await t.http().get(`${API}/redemptions`).query({ siteId: ids.yongqingStationId, status: 'requested', pageSize: 100 }).set(site);
      expect(pick.status).toBe(200);
      expect(pick.body.items.every((r: { status: string }) => r.status === 'requested')).toBe(true);
      expect(pick.body.items[0].volunteerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect((await t.http().get(`${API}/redemptions`).query({ siteId: ids.yongqingStationId }).set(other)).status).toBe(403);
      expect((await t.http().get(`${API}/redemptions`).set(bearer(people[0].token))).status).toBe(403);
      const mine = await t.http().get(`${API}/me/redemptions`).set(bearer(people[0].token));
      expect(mine.body.total).toBe(2);
      const csv = await t.http().get(`${API}/exports/redemptions`).query({ format: 'csv', siteId: ids.yongqingStationId }).set(site);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      expect(csv.text).toContain('毛巾 2 条');
      expect(csv.text).not.toContain(people[0].phone);
      const xlsx = await t
        .http()
        .get(`${API}/exports/redemptions`)
        .query({ format: 'xlsx' })
        .set(site)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      expect((await t.http().get(`${API}/exports/redemptions`).query({ format: 'pdf' }).set(site)).status).toBe(400);

      // goods with redemptions are taken off the shelf, not deleted
      expect((await t.http().delete(`${API}/goods/${g.id}`).set(site)).body).toEqual({ id: g.id, deleted: false, active: false });
      const inactive = await t.http().post(`${API}/redemptions`).set(bearer(people[5].token)).send({ goodsId: g.id });
      expect(inactive.status).toBe(409);
      expect(inactive.body.code).toBe('GOODS_INACTIVE');
    });

    it('staff logins cannot redeem; unknown goods 404; bad id 400', async () => {
      expect((await t.http().post(`${API}/redemptions`).set(site).send({ goodsId: '00000000-0000-4000-8000-000000000000' })).status).toBe(403);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().post(`${API}/redemptions`).set(bearer(v.token)).send({ goodsId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect((await t.http().post(`${API}/redemptions`).set(bearer(v.token)).send({ goodsId: 'x' })).status).toBe(400);
      expect((await t.http().post(`${API}/redemptions`).set(bearer(v.token)).send({ goodsId: '00000000-0000-4000-8000-000000000000', extra: 1 })).status).toBe(400);
    });
  });

  describe('村规民约 deeds', () => {
    it('county configures; a site admin awards in scope; above the yearly cap 409; audited; in the history; listed and exported', async () => {
      const name = `零彩礼-${Date.now()}`;
      expect((await t.http().post(`${API}/deeds`).set(site).send({ name, points: 30, yearlyCap: 50 })).status).toBe(403);
      const bad = await t.http().post(`${API}/deeds`).set(county).send({ name, points: 60, yearlyCap: 50 });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('yearlyCap');
      const d = await t.http().post(`${API}/deeds`).set(county).send({ name, points: 30, yearlyCap: 50, description: '婚事新办' });
      expect(d.status).toBe(201);
      expect((await t.http().post(`${API}/deeds`).set(county).send({ name, points: 30, yearlyCap: 50 })).status).toBe(409);
      const list = await t.http().get(`${API}/deeds`).set(site);
      expect(list.body.map((x: { id: string }) => x.id)).toContain(d.body.id);

      const v = await registerVolunteer(t, ids.yongqingStationId, '王大爷');
      const a1 = await t.http().post(`${API}/deed-awards`).set(site).send({ deedId: d.body.id, volunteerId: v.volunteerId, note: '女儿出嫁零彩礼' });
      expect(a1.status).toBe(201);
      expect(a1.body).toMatchObject({ deedName: name, volunteerName: '王大爷', points: 30, note: '女儿出嫁零彩礼' });
      expect(a1.body.awardedByName).toBeTruthy();
      const a2 = await t.http().post(`${API}/deed-awards`).set(site).send({ deedId: d.body.id, volunteerId: v.volunteerId });
      expect(a2.status).toBe(409);
      expect(a2.body.code).toBe('DEED_CAP_EXCEEDED');
      expect(a2.body.message).toContain('上限 50');
      expect(await balance(v.volunteerId)).toBe(30);
      const [entry] = await db.query(`SELECT delta, kind, deed_award_id FROM points_ledger WHERE volunteer_id = $1`, [v.volunteerId]);
      expect(entry).toMatchObject({ kind: 'deed', deed_award_id: a1.body.id });
      const audit = await db.query(`SELECT action FROM audit_entries WHERE entity = 'deed_award' AND entity_id = $1`, [a1.body.id]);
      expect(audit.map((x: { action: string }) => x.action)).toEqual(['deed.award']);
      const hist = await t.http().get(`${API}/me/points/ledger`).set(bearer(v.token));
      expect(hist.body.items[0]).toMatchObject({ kind: 'deed', delta: 30, deedAwardId: a1.body.id });
      expect((await t.http().get(`${API}/me/points`).set(bearer(v.token))).body.deeds).toBe(30);

      // a person without a login, out of scope, unknown
      const [{ id: noLogin }] = await db.query(`INSERT INTO volunteers (name, phone, site_id) VALUES ('李奶奶', $1, $2) RETURNING id`, [
        `177${String(Date.now()).slice(-8)}`,
        ids.yongqingStationId,
      ]);
      expect((await t.http().post(`${API}/deed-awards`).set(site).send({ deedId: d.body.id, volunteerId: noLogin })).status).toBe(201);
      const outsider = await registerVolunteer(t, ids.otherStationId);
      expect((await t.http().post(`${API}/deed-awards`).set(site).send({ deedId: d.body.id, volunteerId: outsider.volunteerId })).status).toBe(403);
      expect((await t.http().post(`${API}/deed-awards`).set(site).send({ deedId: d.body.id, volunteerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect((await t.http().post(`${API}/deed-awards`).set(bearer(v.token)).send({ deedId: d.body.id, volunteerId: v.volunteerId })).status).toBe(403);
      // an inactive deed cannot be awarded
      await t.http().patch(`${API}/deeds/${d.body.id}`).set(county).send({ active: false });
      const off = await t.http().post(`${API}/deed-awards`).set(county).send({ deedId: d.body.id, volunteerId: outsider.volunteerId });
      expect(off.body.code).toBe('DEED_INACTIVE');

      const awards = await t.http().get(`${API}/deed-awards`).query({ deedId: d.body.id }).set(site);
      expect(awards.body.total).toBe(2);
      const csv = await t.http().get(`${API}/exports/deed-awards`).query({ format: 'csv', deedId: d.body.id }).set(site);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('王大爷');
      expect(csv.text).toContain('李奶奶');
    });
  });

  describe('先进典型 honours', () => {
    it("staff nominate, the county approves; only approved honours are public, names only; on the person's record", async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId, '张先进');
      const n1 = await t
        .http()
        .post(`${API}/honours`)
        .set(site)
        .send({ subject: 'volunteer', volunteerId: v.volunteerId, title: '优秀志愿者', year: 2026, citation: '常年照顾孤寡老人' });
      expect(n1.status).toBe(201);
      expect(n1.body).toMatchObject({ subject: 'volunteer', volunteerName: '张先进', status: 'nominated', year: 2026 });
      expect(n1.body.townName).toBe('永清镇');
      const n2 = await t.http().post(`${API}/honours`).set(site).send({ subject: 'team', teamId: ids.demoTeamId, title: '五星志愿服务队', year: 2026 });
      expect(n2.status).toBe(201);
      expect((await t.http().post(`${API}/honours`).set(site).send({ subject: 'team', title: 'x', year: 2026 })).status).toBe(400);
      expect((await t.http().post(`${API}/honours`).set(site).send({ subject: 'team', teamId: ids.otherTeamId, title: 'x', year: 2026 })).status).toBe(403);
      expect((await t.http().post(`${API}/honours`).set(site).send({ subject: 'volunteer', volunteerId: v.volunteerId, title: 'x', year: 1900 })).status).toBe(400);

      const pub = async () => (await t.http().get(`${API}/public/honours`).query({ year: 2026 })).body as Array<Record<string, unknown>>;
      expect((await pub()).map((h) => h.id)).not.toContain(n1.body.id);
      expect((await t.http().post(`${API}/honours/${n1.body.id}/approve`).set(site)).status).toBe(403);
      const ok = await t.http().post(`${API}/honours/${n1.body.id}/approve`).set(county);
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('approved');
      expect((await t.http().post(`${API}/honours/${n1.body.id}/approve`).set(county)).status).toBe(200);
      const rj = await t.http().post(`${API}/honours/${n2.body.id}/reject`).set(county).send({ reason: '材料不全' });
      expect(rj.body).toMatchObject({ status: 'rejected', rejectReason: '材料不全' });
      expect((await t.http().post(`${API}/honours/${n1.body.id}/reject`).set(county).send({})).body.code).toBe('HONOUR_STATE_CONFLICT');

      const list = await pub();
      const mine = list.find((h) => h.id === n1.body.id)!;
      expect(mine).toEqual({ id: n1.body.id, subject: 'volunteer', name: '张先进', title: '优秀志愿者', year: 2026, townId: n1.body.townId, townName: '永清镇' });
      expect(list.map((h) => h.id)).not.toContain(n2.body.id);
      const [{ n: notApproved }] = await db.query(`SELECT count(*)::int AS n FROM honours WHERE id = ANY($1::uuid[]) AND status <> 'approved'`, [list.map((h) => h.id)]);
      expect(notApproved).toBe(0);
      const byTown = await t.http().get(`${API}/public/honours`).query({ townId: n1.body.townId });
      expect(byTown.body.map((h: { id: string }) => h.id)).toContain(n1.body.id);
      expect((await t.http().get(`${API}/public/honours`).query({ townId: 'x' })).status).toBe(400);

      const rec = await t.http().get(`${API}/me/record`).set(bearer(v.token));
      expect(rec.body.honours).toEqual([{ id: n1.body.id, title: '优秀志愿者', year: 2026 }]);
      const notices = await t.http().get(`${API}/notices`).set(bearer(v.token));
      expect(notices.body.items.filter((x: { kind: string }) => x.kind === 'honour_approved')).toHaveLength(1);

      const staffList = await t.http().get(`${API}/honours`).query({ status: 'approved', year: 2026 }).set(site);
      expect(staffList.body.items.map((h: { id: string }) => h.id)).toContain(n1.body.id);
      const sugg = await t.http().get(`${API}/honours/suggestions`).set(county);
      expect(sugg.status).toBe(200);
      expect(Array.isArray(sugg.body)).toBe(true);
      expect((await t.http().get(`${API}/honours`).set(bearer(v.token))).status).toBe(403);
    });
  });
});
