import { randomBytes } from 'node:crypto';
import { addDays, shanghaiInstant, type ActivityCategory, type TeamType } from '@wenming/shared';
import type { Prng } from './prng';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TOWNS } from './qingshui';
import { insertRows, SEED_TODAY, type SeedContext } from './seed';

/** County-wide menu (every station offers it) and which kinds of teams provide each item. */
const COUNTY_MENU: Array<{ title: string; category: ActivityCategory; description: string; types: TeamType[] }> = [
  { title: '理发', category: 'elderly_care', description: '为行动不便的老人、残疾人上门理发。', types: ['red_vest', 'women'] },
  { title: '义诊', category: 'health', description: '测血压血糖、常见病咨询，乡村医生和医护志愿者上门。', types: ['party_member', 'red_vest'] },
  { title: '法律咨询', category: 'law_education', description: '婚姻家庭、土地承包、劳务欠薪等法律问题解答。', types: ['party_member'] },
  { title: '家电维修', category: 'elderly_care', description: '电视、电饭锅、线路等小家电和用电安全检查。', types: ['youth', 'red_vest'] },
  { title: '代购代办', category: 'elderly_care', description: '为独居老人代买药品和生活用品，代办社保、医保业务。', types: ['red_vest', 'youth'] },
  { title: '心理疏导', category: 'health', description: '留守老人、留守儿童谈心陪伴和心理疏导。', types: ['women'] },
  { title: '课业辅导', category: 'tutoring', description: '为留守儿童、困难家庭孩子辅导作业。', types: ['youth', 'women'] },
  { title: '卫生清扫', category: 'sanitation', description: '为孤寡老人打扫庭院、清理杂物。', types: ['red_vest', 'party_member'] },
  { title: '红白事简办指导', category: 'customs_reform', description: '新风管家上门，协助婚事新办、丧事简办。', types: ['new_customs'] },
];

/** Station menus at community stations: the station's own teams and its town's red-vest team serve them. */
const STATION_MENU: Array<{ title: string; category: ActivityCategory; description: string }> = [
  { title: '老年助餐送餐', category: 'elderly_care', description: '为高龄独居老人送餐上门。' },
  { title: '社区助浴', category: 'elderly_care', description: '协助失能、半失能老人洗浴。' },
  { title: '邻里矛盾调解', category: 'law_education', description: '调解邻里纠纷、物业矛盾。' },
  { title: '垃圾分类入户指导', category: 'waste_sorting', description: '入户讲解垃圾分类，发放分类桶。' },
  { title: '四点半课堂', category: 'tutoring', description: '放学后看护辅导双职工家庭的孩子。' },
  { title: '楼院环境整治', category: 'sanitation', description: '清理楼道杂物、小广告。' },
];

const NOTES = ['', '', '', '老人行动不便，请上门', '下午在家', '请提前电话联系', '家里有两位老人', '孩子放学后在家', '周末时间都可以'];
const DECLINE_REASONS = ['本周队员外出培训，人手不足', '缺少相应专业的志愿者', '时间冲突，已有其他服务安排', '距离较远，建议派附近队伍'];
const CANCEL_REASONS = ['居民已自行解决', '居民外出务工，暂不需要', '重复点单', '联系不上点单人'];
const COMMENTS = [
  '',
  '',
  '服务很周到，谢谢志愿者！',
  '师傅手艺好，态度热情',
  '来得很及时',
  '非常满意，给党和政府点赞',
  '耐心细致，老人很开心',
  '希望以后常来',
  '还可以',
  '时间比约定的晚了一些',
];

const hours = (n: number) => n * 3600_000;

function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE);
}

/**
 * Two years of menu-style service (居民点单 → 站点派单 → 队伍接单 → 群众评单) up to SEED_TODAY:
 * menus, ~2,200 orders, and the completed menu_service activities that served them.
 * Mostly completed and rated; some recent ones still open (and overdue), some declined then
 * re-dispatched, a few cancelled. Deterministic (ctx.rng); only tracking tokens and check-in
 * secrets come from the crypto RNG, since they must not be guessable.
 */
export async function seedOrders(ctx: SeedContext): Promise<Record<string, number>> {
  const { rng, em } = ctx;
  const today = SEED_TODAY;
  const start = addDays(today, -730);
  const endOfToday = shanghaiInstant(addDays(today, 1)).getTime() - 1;
  const instituteTown = new Map(ctx.towns.map((t, i) => [t.instituteId, i]));

  // ---- menus ----
  const itemRows: unknown[][] = [];
  const itemTeamRows: unknown[][] = [];
  const items: Array<{ id: string; siteId: string | null; title: string; category: ActivityCategory; teamIds: string[] }> = [];
  const createdAt = shanghaiInstant(addDays(start, -10), '09:00');
  for (const m of COUNTY_MENU) {
    const id = rng.uuid();
    const teamIds = ctx.teams.filter((t) => m.types.includes(t.type) && (t.siteId === ctx.centerId || instituteTown.has(t.siteId))).map((t) => t.id);
    items.push({ id, siteId: null, title: m.title, category: m.category, teamIds });
    itemRows.push([id, null, m.title, m.category, m.description, true, createdAt]);
    for (const tid of teamIds) itemTeamRows.push([id, tid]);
  }
  const communities = ctx.stations.filter((s) => s.community);
  for (const st of communities) {
    const own = ctx.teams.filter((t) => t.siteId === st.id).map((t) => t.id);
    const townVest = ctx.teams.find((t) => t.siteId === ctx.towns[st.townIndex].instituteId && t.type === 'red_vest');
    const teamIds = [...own, ...(townVest ? [townVest.id] : [])];
    const count = st.townIndex === 0 ? 3 : rng.int(1, 2); // the county seat's communities have the richest menus
    const offset = rng.int(0, STATION_MENU.length - 1);
    for (let k = 0; k < count; k++) {
      const m = STATION_MENU[(offset + k) % STATION_MENU.length];
      const id = rng.uuid();
      items.push({ id, siteId: st.id, title: m.title, category: m.category, teamIds });
      itemRows.push([id, st.id, m.title, m.category, `${st.name}：${m.description}`, true, createdAt]);
      for (const tid of teamIds) itemTeamRows.push([id, tid]);
    }
  }

  // ---- orders ----
  const teamById = new Map(ctx.teams.map((t) => [t.id, t]));
  const stationById = new Map(ctx.stations.map((s) => [s.id, s]));
  const countyItems = items.filter((i) => i.siteId === null);
  const itemsByStation = new Map<string, typeof items>();
  for (const i of items) if (i.siteId) itemsByStation.set(i.siteId, [...(itemsByStation.get(i.siteId) ?? []), i]);
  // community stations (urban, denser) order more often than villages; the county seat most
  const weighted: string[] = [];
  for (const s of ctx.stations) {
    const w = s.community ? (s.townIndex === 0 ? 6 : 3) : 1;
    for (let k = 0; k < w; k++) weighted.push(s.id);
  }
  const dongguan = ctx.stations.find((s) => s.name === '东关社区');

  const pickTeam = (item: (typeof items)[number], stationId: string, exclude?: string): string | null => {
    const st = stationById.get(stationId)!;
    const local = item.teamIds.filter((tid) => {
      const t = teamById.get(tid)!;
      return tid !== exclude && (t.siteId === stationId || t.siteId === ctx.towns[st.townIndex].instituteId);
    });
    if (local.length) return rng.pick(local);
    const rest = item.teamIds.filter((tid) => tid !== exclude);
    return rest.length ? rng.pick(rest) : null;
  };

  const TOTAL = 2200;
  type Plan = { ordered: number; stationId: string; item: (typeof items)[number] };
  const plans: Plan[] = [];
  for (let n = 0; n < TOTAL; n++) {
    // more orders as the service became known: density grows linearly over the two years
    const day = Math.min(729, Math.floor(730 * Math.sqrt(rng.next())));
    const date = addDays(start, day + 1);
    const stationId = n % 25 === 0 && dongguan ? dongguan.id : rng.pick(weighted);
    const local = itemsByStation.get(stationId) ?? [];
    const item = local.length && rng.chance(0.35) ? rng.pick(local) : rng.pick(countyItems);
    const ordered = shanghaiInstant(date, `${String(rng.int(7, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`).getTime();
    if (ordered > endOfToday) continue;
    plans.push({ ordered, stationId, item });
  }
  plans.sort((a, b) => a.ordered - b.ordered);

  const orderRows: unknown[][] = [];
  const activityRows: unknown[][] = [];
  const auditRows: unknown[][] = [];
  const counts = { rated: 0, completed: 0, accepted: 0, dispatched: 0, ordered: 0, cancelled: 0, declined: 0 };
  for (const p of plans) {
    const id = rng.uuid();
    const st = stationById.get(p.stationId)!;
    const town = TOWNS[st.townIndex].name;
    const ageHours = (endOfToday - p.ordered) / 3600_000;
    const preferredDate = addDays(new Date(p.ordered + hours(8)).toISOString().slice(0, 10), rng.int(1, 5));
    let status: keyof typeof counts;
    let teamId: string | null = null;
    let activityId: string | null = null;
    let activityRow: unknown[] | null = null;
    let rating: number | null = null;
    let ratingComment: string | null = null;
    let declineReason: string | null = null;
    let cancelReason: string | null = null;
    let dispatchedAt: number | null = null;
    let acceptedAt: number | null = null;
    let completedAt: number | null = null;
    let ratedAt: number | null = null;
    let cancelledAt: number | null = null;

    // how far the order got: older orders are (almost) all closed, the last week is still moving
    const fate = rng.next();
    const recent = ageHours < 24 * 8;
    const stage: 'ordered' | 'dispatched' | 'accepted' | 'done' | 'cancelled' = recent
      ? ageHours < 20 || fate < 0.25
        ? 'ordered'
        : fate < 0.45
          ? 'dispatched'
          : ageHours < 72 || fate < 0.75
            ? 'accepted'
            : 'done'
      : fate < 0.035
        ? 'cancelled'
        : 'done';

    if (stage === 'cancelled') {
      status = 'cancelled';
      cancelReason = rng.pick(CANCEL_REASONS);
      if (rng.chance(0.5)) {
        teamId = pickTeam(p.item, p.stationId);
        dispatchedAt = p.ordered + hours(rng.int(2, 30));
      }
      cancelledAt = (dispatchedAt ?? p.ordered) + hours(rng.int(1, 48));
    } else if (stage === 'ordered') {
      status = 'ordered';
    } else {
      teamId = pickTeam(p.item, p.stationId);
      // a slow dispatch now and then (overdue in its day), usually within a working day
      dispatchedAt = p.ordered + hours(rng.chance(0.08) ? rng.int(49, 96) : rng.int(1, 30));
      if (teamId && stage !== 'dispatched' && rng.chance(0.07)) {
        // declined by the first team, dispatched again to another that provides the item
        const first = teamId;
        const second = pickTeam(p.item, p.stationId, first);
        const declinedAt = dispatchedAt + hours(rng.int(2, 24));
        const again = declinedAt + hours(rng.int(1, 20));
        if (second && again <= endOfToday) {
          declineReason = rng.pick(DECLINE_REASONS);
          auditRows.push([
            null,
            'service_order.decline',
            'service_order',
            id,
            JSON.stringify({ status: 'dispatched', teamId: first }),
            JSON.stringify({ status: 'ordered', declinedTeamId: first, reason: declineReason }),
            new Date(declinedAt),
          ]);
          teamId = second;
          dispatchedAt = again;
          counts.declined++;
        }
      }
      acceptedAt = dispatchedAt + hours(rng.chance(0.05) ? rng.int(49, 80) : rng.int(1, 24));
      if (!teamId || dispatchedAt > endOfToday) {
        // not dispatched yet (as of SEED_TODAY)
        status = 'ordered';
        teamId = null;
        dispatchedAt = null;
        acceptedAt = null;
      } else if (stage === 'dispatched' || acceptedAt > endOfToday) {
        status = 'dispatched';
        acceptedAt = null;
      } else {
        activityId = rng.uuid();
        // the service happens on the preferred day, or the first day after the acceptance
        const startHour = rng.pick([9, 10, 14, 15]);
        const minute = rng.pick(['00', '30']);
        let serviceDate = preferredDate;
        let startsAt = shanghaiInstant(serviceDate, `${String(startHour).padStart(2, '0')}:${minute}`);
        while (startsAt.getTime() <= acceptedAt) {
          serviceDate = addDays(serviceDate, 1);
          startsAt = shanghaiInstant(serviceDate, `${String(startHour).padStart(2, '0')}:${minute}`);
        }
        const endsAt = new Date(startsAt.getTime() + hours(rng.pick([1, 1.5, 2, 3])));
        const doneAt = endsAt.getTime() + hours(rng.int(1, 6)) / 2;
        const done = stage === 'done' && doneAt <= endOfToday;
        if (done) {
          completedAt = doneAt;
          const ratedWhen = completedAt + hours(rng.int(2, 72));
          if (rng.chance(0.88) && ratedWhen <= endOfToday) {
            status = 'rated';
            const r = rng.next();
            rating = r < 0.72 ? 5 : r < 0.93 ? 4 : r < 0.98 ? 3 : 2;
            ratingComment = rng.pick(COMMENTS) || null;
            ratedAt = ratedWhen;
          } else {
            status = 'completed';
          }
        } else {
          status = 'accepted';
        }
        // the service takes place at the ORDERING station (the venue); its address follows with the order's below
        activityRow = [
          activityId,
          `${p.item.title}（菜单式服务）`,
          'menu_service',
          p.item.category,
          p.stationId,
          teamId,
          startsAt,
          endsAt,
          done ? 'completed' : 'published',
          done ? rng.int(1, 4) : null,
          `群众点单：${p.item.title}\n服务地址：${town}${st.name}`,
          randomBytes(32).toString('hex'),
          id,
          new Date(acceptedAt),
          done ? new Date(completedAt!) : null,
        ];
        activityRows.push(activityRow);
      }
    }
    counts[status]++;
    const requesterName = personName(rng);
    const requesterPhone = `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
    const address = `清水县${town}${st.name}${rng.int(1, 120)}号`;
    activityRow?.push(address);
    orderRows.push([
      id,
      p.item.id,
      p.stationId,
      requesterName,
      requesterPhone,
      address,
      preferredDate,
      rng.pick(NOTES),
      status,
      teamId,
      activityId,
      rating,
      ratingComment,
      declineReason,
      cancelReason,
      new Date(p.ordered),
      dispatchedAt ? new Date(dispatchedAt) : null,
      acceptedAt ? new Date(acceptedAt) : null,
      completedAt ? new Date(completedAt) : null,
      ratedAt ? new Date(ratedAt) : null,
      cancelledAt ? new Date(cancelledAt) : null,
      randomBytes(24).toString('base64url'),
    ]);
  }

  // the demo leader (13800000003) finds work waiting: orders at 东关社区 dispatched to the demo team, one of them overdue
  const demoItems = items.filter((i) => i.teamIds.includes(ctx.demo.teamId) && (i.siteId === null || i.siteId === dongguan?.id));
  if (dongguan && demoItems.length) {
    const st = stationById.get(dongguan.id)!;
    for (const [daysAgo, hour] of [
      [3, '09:20'],
      [1, '16:05'],
    ] as const) {
      const item = rng.pick(demoItems);
      const ordered = shanghaiInstant(addDays(today, -daysAgo), hour).getTime();
      orderRows.push([
        rng.uuid(),
        item.id,
        dongguan.id,
        personName(rng),
        `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
        `清水县${TOWNS[st.townIndex].name}${st.name}${rng.int(1, 60)}号`,
        addDays(today, 2),
        rng.pick(NOTES),
        'dispatched',
        ctx.demo.teamId,
        null,
        null,
        null,
        null,
        null,
        new Date(ordered),
        new Date(ordered + hours(3)),
        null,
        null,
        null,
        null,
        randomBytes(24).toString('base64url'),
      ]);
      counts.dispatched++;
    }
  }

  await insertRows(em, 'menu_items', ['id', 'site_id', 'title', 'category', 'description', 'active', 'created_at'], itemRows);
  await insertRows(em, 'menu_item_teams', ['menu_item_id', 'team_id'], itemTeamRows, 1000);
  // orders first: their activity_id FK is deferred to commit, activities then point back at them
  await insertRows(
    em,
    'service_orders',
    [
      'id',
      'menu_item_id',
      'site_id',
      'requester_name',
      'requester_phone',
      'address',
      'preferred_date',
      'note',
      'status',
      'team_id',
      'activity_id',
      'rating',
      'rating_comment',
      'decline_reason',
      'cancel_reason',
      'ordered_at',
      'dispatched_at',
      'accepted_at',
      'completed_at',
      'rated_at',
      'cancelled_at',
      'tracking_token',
    ],
    orderRows,
  );
  await insertRows(
    em,
    'activities',
    [
      'id',
      'title',
      'kind',
      'category',
      'site_id',
      'team_id',
      'starts_at',
      'ends_at',
      'status',
      'audience_reached',
      'description',
      'checkin_secret',
      'service_order_id',
      'created_at',
      'completed_at',
      'address',
    ],
    activityRows,
  );
  await insertRows(em, 'audit_entries', ['actor_user_id', 'action', 'entity', 'entity_id', 'before', 'after', 'at'], auditRows);

  return {
    menuItems: itemRows.length,
    serviceOrders: orderRows.length,
    serviceOrdersRated: counts.rated,
    serviceOrdersOpen: counts.ordered + counts.dispatched + counts.accepted,
    serviceOrdersCancelled: counts.cancelled,
    serviceOrdersDeclinedOnce: counts.declined,
    menuServiceActivities: activityRows.length,
  };
}
