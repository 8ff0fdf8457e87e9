import { addDays, shanghaiDate, shanghaiInstant } from '@wenming/shared';
import type { PointsSeedInput } from './attendance.seed';
import { Prng } from './prng';
import { insertRows, SEED_TODAY, type SeedContext, type SeedStep } from './seed';

/** The county center's catalogue (county-wide, picked up at the volunteer's home station): name, points. */
const COUNTY_GOODS: Array<[string, number]> = [
  ['大米 5 斤', 30],
  ['食用油 1 桶', 50],
  ['肥皂 2 块', 6],
  ['毛巾 2 条', 10],
  ['洗衣粉 1 袋', 12],
  ['牙膏 1 支', 8],
  ['挂面 2 把', 10],
  ['酱油 1 瓶', 8],
];
const STATION_GOODS: Array<[string, number]> = [
  ['洗洁精 1 瓶', 8],
  ['卷纸 1 提', 15],
  ['食盐 2 袋', 4],
  ['陈醋 1 瓶', 8],
  ['雨伞 1 把', 25],
  ['保温杯 1 个', 40],
  ['手套 2 双', 5],
  ['香皂 1 块', 4],
];
const DEEDS: Array<[string, number, number, string]> = [
  ['零彩礼', 50, 100, '婚事新办，不收彩礼或只收象征性彩礼'],
  ['移风易俗', 20, 60, '红白喜事简办，不大操大办'],
  ['垃圾分类示范户', 10, 40, '门前三包、垃圾分类到位'],
  ['孝老爱亲', 20, 60, '赡养老人、邻里互助事迹突出'],
  ['环境卫生示范户', 10, 40, '庭院整洁，参与村庄清洁行动'],
];
const REDEMPTION_EXPIRY_DAYS = 14;

/**
 * 积分超市 history, consistent with the ledger: goods at the county center (county-wide) and a dozen stations, two
 * years of redemptions (fulfilled, cancelled, expired, and recent ones still waiting at the station), 村规民约 awards in
 * 王河镇, a few approved honours, and notices for the demo logins. The whole points ledger (earned by attendance,
 * held/returned by redemptions, deeds) is written here in time order, so every balance_after is the running sum and
 * never negative. Its own PRNG keeps the other steps' figures where they were.
 */
export const seedPointsShop: SeedStep = async (ctx: SeedContext) => {
  const { em } = ctx;
  const rng = new Prng(20261130);
  const input = (ctx as SeedContext & { points?: PointsSeedInput }).points ?? { earned: [], redemptionIntents: [] };
  const today = SEED_TODAY;
  const todayEnd = shanghaiInstant(today, '23:59');
  const [admin] = await em.query(`SELECT id FROM users WHERE phone = '13800000001'`);
  const adminId: string = admin.id;
  const demoVolunteers = [ctx.demo.leaderVolunteerId, ctx.demo.memberVolunteerId];

  // ---- goods: county-wide, plus a dozen stations (the demo member's station and 11 more across the towns)
  const homes: Array<{ id: string; site_id: string }> = await em.query(`SELECT id, site_id FROM volunteers ORDER BY id`); // ordered: picks from it must not depend on the database's row order
  const home = new Map(homes.map((h) => [h.id, h.site_id]));
  const stations = [home.get(ctx.demo.memberVolunteerId)!, ...ctx.stations.filter((_, i) => i % 28 === 5).map((s) => s.id)]
    .filter((v, i, a) => a.indexOf(v) === i)
    .slice(0, 12);
  const goods: Array<{ id: string; siteId: string | null; name: string; price: number; stock: number; taken: number }> = [];
  for (const [name, price] of COUNTY_GOODS) goods.push({ id: rng.uuid(), siteId: null, name, price, stock: rng.int(150, 400), taken: 0 });
  for (const st of stations) {
    for (const [name, price] of STATION_GOODS.filter(() => rng.chance(0.5)).slice(0, 4))
      goods.push({ id: rng.uuid(), siteId: st, name, price, stock: rng.int(20, 60), taken: 0 });
  }
  const bySite = new Map<string | null, typeof goods>();
  for (const g of goods) bySite.set(g.siteId, [...(bySite.get(g.siteId) ?? []), g]);

  // ---- events in time order
  type Ev = { at: Date; volunteerId: string; kind: 'earned' | 'redeem' | 'deed'; points?: number; attendanceId?: string; deed?: number };
  const events: Ev[] = input.earned.map(([volunteerId, points, attendanceId, at]) => ({ at, volunteerId, kind: 'earned', points, attendanceId }));
  for (const r of input.redemptionIntents) events.push({ at: r.at, volunteerId: r.volunteerId, kind: 'redeem' });
  // the demo people redeem now and then, and one waits at the station right now
  for (const v of demoVolunteers)
    for (const back of [200, 120, 60, 3]) events.push({ at: shanghaiInstant(addDays(today, -back), '10:30'), volunteerId: v, kind: 'redeem' });

  // 村规民约 awards to people of 王河镇 (with or without a login)
  const wanghe = ctx.towns.findIndex((t) => t.name === '王河镇');
  const wangheSites = new Set([ctx.towns[wanghe].instituteId, ...ctx.stations.filter((s) => s.townIndex === wanghe).map((s) => s.id)]);
  const wangheVolunteers = homes.filter((h) => wangheSites.has(h.site_id)).map((h) => h.id);
  const deedIds = DEEDS.map(() => rng.uuid());
  const deedYearTotal = new Map<string, number>();
  for (let i = 0; i < 160 && wangheVolunteers.length; i++) {
    const d = rng.int(0, DEEDS.length - 1);
    const volunteerId = rng.pick(wangheVolunteers);
    const at = shanghaiInstant(addDays(today, -rng.int(1, 700)), `${String(rng.int(9, 17)).padStart(2, '0')}:00`);
    const key = `${volunteerId}|${d}|${shanghaiDate(at).slice(0, 4)}`;
    if ((deedYearTotal.get(key) ?? 0) + DEEDS[d][1] > DEEDS[d][2]) continue; // the yearly cap holds in the demo too
    deedYearTotal.set(key, (deedYearTotal.get(key) ?? 0) + DEEDS[d][1]);
    events.push({ at, volunteerId, kind: 'deed', deed: d, points: DEEDS[d][1] });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0));

  const ledger: unknown[][] = [];
  const redemptions: unknown[][] = [];
  const awards: unknown[][] = [];
  const balance = new Map<string, number>();
  const post = (
    volunteerId: string,
    delta: number,
    reason: string,
    kind: string,
    at: Date,
    link: { attendanceId?: string; redemptionId?: string; deedAwardId?: string },
  ) => {
    const after = (balance.get(volunteerId) ?? 0) + delta;
    balance.set(volunteerId, after);
    ledger.push([
      volunteerId,
      delta,
      after,
      reason,
      kind,
      link.attendanceId ?? null,
      link.redemptionId ?? null,
      link.deedAwardId ?? null,
      at,
      kind === 'earned' ? null : adminId,
    ]);
  };
  // returns (cancelled/expired) happen later than the hold: queue them and post when their time comes
  const pending: Array<{ at: Date; fn: () => void }> = [];
  const flush = (until: number) => {
    pending.sort((a, b) => a.at.getTime() - b.at.getTime());
    while (pending.length && pending[0].at.getTime() <= until) pending.shift()!.fn();
  };
  let openDemo = 0;
  for (const e of events) {
    flush(e.at.getTime());
    if (e.kind === 'earned') post(e.volunteerId, e.points!, '服务时长', 'earned', e.at, { attendanceId: e.attendanceId });
    else if (e.kind === 'deed') {
      const id = rng.uuid();
      const [name] = DEEDS[e.deed!];
      awards.push([
        id,
        deedIds[e.deed!],
        e.volunteerId,
        home.get(e.volunteerId),
        e.points,
        Number(shanghaiDate(e.at).slice(0, 4)),
        rng.pick(['村民代表会议评议通过', '村“两委”推荐', '群众评议公示无异议', null]),
        adminId,
        e.at,
      ]);
      post(e.volunteerId, e.points!, `村规民约：${name}`, 'deed', e.at, { deedAwardId: id });
    } else {
      const site = home.get(e.volunteerId)!;
      const choices = [...(bySite.get(site) ?? []), ...(bySite.get(null) ?? [])].filter((g) => g.price <= (balance.get(e.volunteerId) ?? 0) && g.taken < g.stock);
      if (!choices.length) continue; // not enough points yet: nothing happens
      const g = rng.pick(choices);
      const id = rng.uuid();
      const requestedAt = e.at;
      const expiresAt = shanghaiInstant(addDays(shanghaiDate(requestedAt), REDEMPTION_EXPIRY_DAYS), '23:59');
      const recent = expiresAt.getTime() > todayEnd.getTime();
      const isDemo = demoVolunteers.includes(e.volunteerId);
      const roll = rng.next();
      let status: 'requested' | 'fulfilled' | 'cancelled' | 'expired' = recent
        ? isDemo && openDemo++ < 2
          ? 'requested'
          : roll < 0.5
            ? 'requested'
            : 'fulfilled'
        : roll < 0.86
          ? 'fulfilled'
          : roll < 0.93
            ? 'cancelled'
            : 'expired';
      if (isDemo && !recent) status = 'fulfilled';
      const fulfilledAt = status === 'fulfilled' ? new Date(Math.min(requestedAt.getTime() + rng.int(1, 6 * 24) * 3600_000, todayEnd.getTime() - 3600_000)) : null;
      const closedAt =
        status === 'cancelled'
          ? new Date(requestedAt.getTime() + rng.int(1, 5 * 24) * 3600_000)
          : status === 'expired'
            ? new Date(expiresAt.getTime() + 11 * 60_000)
            : null;
      post(e.volunteerId, -g.price, `兑换冻结：${g.name}`, 'held', requestedAt, { redemptionId: id });
      if (status === 'requested' || status === 'fulfilled') g.taken++;
      if (closedAt) {
        const v = e.volunteerId;
        pending.push({
          at: closedAt,
          fn: () => post(v, g.price, `${status === 'expired' ? '兑换过期退回' : '兑换取消退回'}：${g.name}`, 'returned', closedAt, { redemptionId: id }),
        });
      }
      redemptions.push([
        id,
        g.id,
        e.volunteerId,
        g.siteId ?? site,
        g.name,
        g.price,
        status,
        requestedAt,
        expiresAt,
        status === 'fulfilled' ? adminId : null,
        fulfilledAt,
        closedAt && status === 'cancelled' ? adminId : null,
        closedAt,
        status === 'cancelled' ? rng.pick(['本人不需要了', '商品暂时缺货', null]) : null,
      ]);
    }
  }
  flush(Number.MAX_SAFE_INTEGER);
  // the ledger in time order (identity ids follow insertion order)
  const order = ledger.map((r, i) => ({ r, i })).sort((a, b) => (a.r[8] as Date).getTime() - (b.r[8] as Date).getTime() || a.i - b.i);
  const running = new Map<string, number>();
  for (const { r } of order) {
    const next = (running.get(r[0] as string) ?? 0) + (r[1] as number);
    if (next < 0) throw new Error('seed: a points balance would go negative');
    running.set(r[0] as string, next);
    r[2] = next;
  }

  await insertRows(
    em,
    'goods',
    ['id', 'site_id', 'name', 'points_price', 'stock', 'active', 'created_by', 'created_at'],
    goods.map((g) => [g.id, g.siteId, g.name, g.price, g.stock - g.taken, true, adminId, shanghaiInstant(addDays(today, -730))]),
  );
  await insertRows(
    em,
    'deeds',
    ['id', 'name', 'points', 'yearly_cap', 'description'],
    DEEDS.map(([name, p, cap, desc], i) => [deedIds[i], name, p, cap, desc]),
  );
  await insertRows(
    em,
    'redemptions',
    [
      'id',
      'goods_id',
      'volunteer_id',
      'site_id',
      'goods_name',
      'points',
      'status',
      'requested_at',
      'expires_at',
      'fulfilled_by',
      'fulfilled_at',
      'closed_by',
      'closed_at',
      'cancel_reason',
    ],
    redemptions,
    1000,
  );
  await insertRows(em, 'deed_awards', ['id', 'deed_id', 'volunteer_id', 'site_id', 'points', 'year', 'note', 'awarded_by', 'at'], awards);
  await insertRows(
    em,
    'points_ledger',
    ['volunteer_id', 'delta', 'balance_after', 'reason', 'kind', 'attendance_id', 'redemption_id', 'deed_award_id', 'created_at', 'created_by'],
    order.map((o) => o.r),
    2000,
  );

  // ---- honours: the busiest volunteers and teams, approved; two still waiting for the county
  const topV: Array<{ id: string; town_id: string | null }> = await em.query(
    `SELECT a.volunteer_id AS id, (CASE WHEN r.level = 'town' THEN r.id ELSE r.parent_id END) AS town_id
       FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id JOIN sites s ON s.id = v.site_id JOIN regions r ON r.id = s.region_id
      WHERE a.status = 'confirmed' GROUP BY a.volunteer_id, r.level, r.id, r.parent_id ORDER BY sum(a.minutes) DESC, a.volunteer_id LIMIT 8`,
  );
  const topT: Array<{ id: string; town_id: string | null }> = await em.query(
    `SELECT act.team_id AS id, (CASE WHEN r.level = 'town' THEN r.id ELSE r.parent_id END) AS town_id
       FROM attendance a JOIN activities act ON act.id = a.activity_id JOIN teams t ON t.id = act.team_id JOIN sites s ON s.id = t.site_id JOIN regions r ON r.id = s.region_id
      WHERE a.status = 'confirmed' GROUP BY act.team_id, r.level, r.id, r.parent_id ORDER BY count(*) DESC, act.team_id LIMIT 4`,
  );
  const year = Number(today.slice(0, 4));
  const honourRows: unknown[][] = [];
  const decided = shanghaiInstant(addDays(today, -20), '10:00');
  topV.forEach((v, i) =>
    honourRows.push([
      rng.uuid(),
      v.id,
      null,
      i < 3 ? '优秀志愿者' : '最美志愿者',
      i % 2 ? year - 1 : year,
      '常年参加志愿服务，服务时长位居全县前列',
      i < 6 ? 'approved' : 'nominated',
      v.town_id,
      adminId,
      decided,
      i < 6 ? adminId : null,
      i < 6 ? decided : null,
    ]),
  );
  topT.forEach((t, i) =>
    honourRows.push([rng.uuid(), null, t.id, '五星志愿服务队', year - (i % 2), '服务人次多、群众评价好', 'approved', t.town_id, adminId, decided, adminId, decided]),
  );
  await insertRows(
    em,
    'honours',
    ['id', 'volunteer_id', 'team_id', 'title', 'year', 'citation', 'status', 'town_id', 'nominated_by', 'nominated_at', 'decided_by', 'decided_at'],
    honourRows,
  );

  // ---- notices for the demo logins (some read), so the inbox is alive on a fresh start
  const users: Array<{ id: string; phone: string; volunteer_id: string | null }> = await em.query(
    `SELECT id, phone, volunteer_id FROM users WHERE phone LIKE '1380000000%' ORDER BY phone`,
  );
  const upcoming: Array<{ id: string; title: string; starts_at: Date }> = await em.query(
    `SELECT a.id, a.title, a.starts_at FROM activities a WHERE a.team_id = $1 AND a.status = 'published' ORDER BY a.starts_at, a.id LIMIT 2`,
    [ctx.demo.teamId],
  );
  const noticeRows: unknown[][] = [];
  const at = (daysBack: number, time: string) => shanghaiInstant(addDays(today, -daysBack), time);
  for (const u of users) {
    const read = (d: number) => (d > 2 ? at(d - 1, '08:00') : null);
    if (u.volunteer_id) {
      for (const a of upcoming)
        noticeRows.push([
          rng.uuid(),
          u.id,
          'signup_confirmed',
          `报名成功：${a.title}`,
          `您已报名「${a.title}」，请按时参加并扫码签到。`,
          `/activities/${a.id}`,
          at(1, '19:00'),
          null,
        ]);
      const mine = redemptions.filter((r) => r[2] === u.volunteer_id && r[6] === 'requested').slice(0, 1);
      for (const r of mine)
        noticeRows.push([
          rng.uuid(),
          u.id,
          'redemption_ready',
          `兑换待领取：${r[4]}`,
          `您已用 ${r[5]} 积分兑换「${r[4]}」，请到站点领取，逾期积分自动退回。`,
          '/points',
          r[7],
          null,
        ]);
      noticeRows.push([
        rng.uuid(),
        u.id,
        'attendance_confirmed',
        '考勤已确认：永清镇红马甲周五志愿服务日',
        '您的服务时长已确认，积分已到账。',
        '/me/record',
        at(5, '18:00'),
        read(5),
      ]);
      noticeRows.push([rng.uuid(), u.id, 'redemption_fulfilled', '兑换已领取', '您已在站点领取兑换的物品。感谢您的志愿服务！', '/points', at(40, '16:00'), read(40)]);
    } else {
      noticeRows.push([
        rng.uuid(),
        u.id,
        'order_accepted',
        '已接单：理发',
        '服务队已接下群众点单「理发」，将按约定时间上门服务。',
        '/service-orders',
        at(2, '15:00'),
        null,
      ]);
      noticeRows.push([
        rng.uuid(),
        u.id,
        'order_overdue',
        '点单超时：代购生活用品',
        '群众点单「代购生活用品」已超过 48 小时未派单，请尽快派给服务队伍。',
        '/service-orders',
        at(1, '09:05'),
        null,
      ]);
      noticeRows.push([rng.uuid(), u.id, 'order_dispatched', '新派单：健康义诊', '一条群众点单已派出，请关注接单情况。', '/service-orders', at(9, '10:00'), read(9)]);
    }
  }
  await insertRows(em, 'notices', ['id', 'user_id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'], noticeRows);

  return {
    goods: goods.length,
    goodsStations: stations.length,
    redemptions: redemptions.length,
    redemptionsRequested: redemptions.filter((r) => r[6] === 'requested').length,
    deedAwards: awards.length,
    honours: honourRows.length,
    notices: noticeRows.length,
    pointsLedger: ledger.length,
  };
};
