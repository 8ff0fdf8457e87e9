import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { inTransaction } from '../../src/database/sql';
import { GoodsService } from '../../src/modules/points-shop/goods.service';
import { PointsLedgerService } from '../../src/modules/points-shop/points-ledger.service';
import { RedemptionRecordsService } from '../../src/modules/points-shop/redemption-records.service';
import { RedemptionsService } from '../../src/modules/points-shop/redemptions.service';
import { userOf } from '../setup/random-county';
import { createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

/**
 * Service-level tests of the points ledger (PointsLedgerService, the one writer of points_ledger) and of the
 * redemption services split by concern (RedemptionsService: the workflow; RedemptionRecordsService: the lists),
 * on the real test database.
 */
describe('PointsLedgerService, RedemptionsService, RedemptionRecordsService', () => {
  let t: TestApp;
  let db: DataSource;
  let ledger: PointsLedgerService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: AuthUser;
  let siteAdmin: AuthUser;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ledger = t.app.get(PointsLedgerService);
    ids = await demoIds(t);
    county = await userOf(db, DEMO.county);
    siteAdmin = await userOf(db, DEMO.site);
  });
  afterAll(() => t.close());

  const asVolunteer = (v: { userId: string; volunteerId: string; phone: string }) =>
    ({ id: v.userId, phone: v.phone, role: 'volunteer', siteId: null, volunteerId: v.volunteerId }) as AuthUser;
  const rows = async (volunteerId: string) =>
    (await db.query(`SELECT delta, balance_after, kind FROM points_ledger WHERE volunteer_id = $1 ORDER BY id`, [volunteerId])) as Array<{
      delta: number;
      balance_after: number;
      kind: string;
    }>;
  const credit = (volunteerId: string, delta: number) =>
    inTransaction(db, (em) => ledger.append(em, { volunteerId, delta, reason: '测试积分', kind: 'adjusted', createdBy: county.id }));

  describe('PointsLedgerService', () => {
    it('appends with a running balance; a debit above the balance is 409 and writes nothing; clampAtZero takes only what is there', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      expect(await credit(v.volunteerId, 7)).toMatchObject({ delta: 7, balanceAfter: 7 });
      expect(await credit(v.volunteerId, -3)).toMatchObject({ delta: -3, balanceAfter: 4 });
      await expect(credit(v.volunteerId, -5)).rejects.toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS' });
      const clamped = await inTransaction(db, (em) =>
        ledger.append(em, { volunteerId: v.volunteerId, delta: -10, reason: '扣回', kind: 'adjusted', createdBy: county.id, clampAtZero: true }),
      );
      expect(clamped).toMatchObject({ delta: -4, balanceAfter: 0 });
      // nothing left to take: no row
      expect(
        await inTransaction(db, (em) =>
          ledger.append(em, { volunteerId: v.volunteerId, delta: -1, reason: '扣回', kind: 'adjusted', createdBy: null, clampAtZero: true }),
        ),
      ).toBeNull();
      await expect(credit(v.volunteerId, 1.5)).rejects.toThrow('whole numbers');
      expect(await rows(v.volunteerId)).toEqual([
        { delta: 7, balance_after: 7, kind: 'adjusted' },
        { delta: -3, balance_after: 4, kind: 'adjusted' },
        { delta: -4, balance_after: 0, kind: 'adjusted' },
      ]);
      expect(await ledger.balance(db.manager, v.volunteerId)).toBe(0);
    });

    it('concurrent debits of one volunteer are serialized: with points for one, exactly one of four succeeds', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await credit(v.volunteerId, 5);
      const results = await Promise.allSettled([0, 1, 2, 3].map(() => credit(v.volunteerId, -5)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
        'INSUFFICIENT_POINTS',
        'INSUFFICIENT_POINTS',
        'INSUFFICIENT_POINTS',
      ]);
      expect(await ledger.balance(db.manager, v.volunteerId)).toBe(0);
    });
  });

  describe('redemptions', () => {
    it('request holds the points and one item; the records list it for the volunteer and the staff in scope; fulfil spends; cancel then is 409', async () => {
      const goods = await t.app
        .get(GoodsService)
        .create(siteAdmin, { siteId: ids.yongqingStationId, name: `服务测试毛巾${Date.now()}`, pointsPrice: 6, stock: 2 } as never);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await credit(v.volunteerId, 10);
      const svc = t.app.get(RedemptionsService);
      const records = t.app.get(RedemptionRecordsService);
      const r = await svc.request(asVolunteer(v), goods.id);
      expect(r).toMatchObject({ goodsId: goods.id, volunteerId: v.volunteerId, siteId: ids.yongqingStationId, points: 6, status: 'requested', fulfilledBy: null });
      expect(await ledger.balance(db.manager, v.volunteerId)).toBe(4);
      expect((await t.app.get(GoodsService).get(goods.id)).stock).toBe(1);
      // not enough points for a second one: 409 and the item is not taken
      await expect(svc.request(asVolunteer(v), goods.id)).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
      expect((await t.app.get(GoodsService).get(goods.id)).stock).toBe(1);

      const mine = await records.mine(asVolunteer(v), { page: 1, pageSize: 20 } as never);
      expect(mine.items.map((x) => x.id)).toEqual([r.id]);
      const staff = await records.list(siteAdmin, { page: 1, pageSize: 100, status: 'requested', q: v.phone } as never);
      expect(staff.items.map((x) => x.id)).toEqual([r.id]);
      await expect(records.list(asVolunteer(v), { page: 1, pageSize: 20 } as never)).rejects.toMatchObject({ status: 403 });

      const done = await svc.fulfil(siteAdmin, r.id);
      expect(done).toMatchObject({ status: 'fulfilled', fulfilledBy: siteAdmin.id });
      expect(await svc.fulfil(siteAdmin, r.id)).toMatchObject({ status: 'fulfilled' }); // idempotent
      await expect(svc.cancel(asVolunteer(v), r.id, {})).rejects.toMatchObject({ code: 'REDEMPTION_STATE_CONFLICT' });
      expect((await rows(v.volunteerId)).map((x) => x.kind)).toEqual(['adjusted', 'held']);
    });

    it('expireDue returns the points and the item of requests past their expiry, once', async () => {
      const goods = await t.app.get(GoodsService).create(county, { name: `服务测试香皂${Date.now()}`, pointsPrice: 3, stock: 1 } as never);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await credit(v.volunteerId, 3);
      const svc = t.app.get(RedemptionsService);
      const r = await svc.request(asVolunteer(v), goods.id);
      expect(r.siteId).toBe(ids.yongqingStationId); // county-wide goods: picked up at the volunteer's home station
      const later = new Date(new Date(r.expiresAt).getTime() + 60_000);
      const first = await inTransaction(db, (em) => svc.expireDue(em, later));
      expect(first).toBeGreaterThanOrEqual(1);
      expect((await inTransaction(db, (em) => svc.load(em, r.id))).status).toBe('expired');
      expect(await ledger.balance(db.manager, v.volunteerId)).toBe(3);
      expect((await t.app.get(GoodsService).get(goods.id)).stock).toBe(1);
      expect((await rows(v.volunteerId)).map((x) => x.kind)).toEqual(['adjusted', 'held', 'returned']);
      // a second run finds nothing of this volunteer to return
      await inTransaction(db, (em) => svc.expireDue(em, later));
      expect((await rows(v.volunteerId)).length).toBe(3);
    });
  });
});
