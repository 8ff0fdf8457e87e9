import { randomBytes } from 'node:crypto';
import {
  ACTIVITY_CATEGORY_LABELS,
  addDays,
  isoWeekday,
  occurrenceDates,
  shanghaiDate,
  shanghaiInstant,
  type ActivityCategory,
  type ActivityKind,
  type ActivityStatus,
} from '@wenming/shared';
import { Prng } from './prng';
// NB: seed.ts imports this module to put the step into SEED_STEPS; import it only through seed.ts.
import { insertRows, SEED, SEED_TODAY, type SeedContext, type SeedStep } from './seed';

/** Two years of history up to SEED_TODAY (inclusive). */
const HISTORY_DAYS = 730;
const TARGET_SERVICE_DAYS = 5000;
const TARGET_THEMED = 5000;
const TARGET_LECTURES = 1000;
const CANCEL_RATE = 0.015;

const THEMED_CATEGORIES: ActivityCategory[] = [
  'civility_persuasion',
  'civility_persuasion',
  'law_education',
  'sanitation',
  'waste_sorting',
  'waste_sorting',
  'customs_reform',
  'customs_reform',
  'elderly_care',
  'elderly_care',
  'health',
  'tutoring',
];
const SERVICE_DAY_CATEGORIES: ActivityCategory[] = [
  'sanitation',
  'sanitation',
  'sanitation',
  'civility_persuasion',
  'civility_persuasion',
  'waste_sorting',
  'elderly_care',
];
const THEMED_TITLES: Partial<Record<ActivityCategory, string[]>> = {
  civility_persuasion: ['文明交通劝导', '文明出行劝导', '不文明行为劝导', '文明餐桌“光盘行动”劝导', '集市文明劝导'],
  law_education: ['“宪法进万家”普法宣传', '反电信诈骗宣传', '民法典进社区宣传', '禁毒知识宣传', '防范非法集资宣传'],
  sanitation: ['人居环境整治', '背街小巷清扫', '河道垃圾清理', '“清洁家园”大扫除', '绿化带清理'],
  waste_sorting: ['垃圾分类宣传', '垃圾分类入户指导', '“垃圾分类 从我做起”宣传', '可回收物积分兑换'],
  customs_reform: ['移风易俗宣传', '“婚事新办 丧事简办”倡议', '抵制高价彩礼宣传', '文明乡风评议'],
  elderly_care: ['关爱空巢老人', '留守儿童陪伴', '困难群众走访慰问', '敬老院志愿服务'],
  health: ['健康义诊', '老年人健康体检', '急救知识培训', '中医义诊进村'],
  tutoring: ['“四点半课堂”课业辅导', '暑期课业辅导', '留守儿童作业辅导'],
};
const LECTURE_TOPICS = [
  '学习贯彻党的二十大精神',
  '清水县革命故事',
  '身边好人好事',
  '乡村振兴政策',
  '社会主义核心价值观',
  '红色家风',
  '轩辕故里文化',
  '民法典与百姓生活',
  '好家风好家训',
  '道德模范事迹',
];
const LECTURE_CATEGORIES: ActivityCategory[] = ['theory_lecture', 'theory_lecture', 'theory_lecture', 'customs_reform', 'law_education'];
const CANCEL_REASONS = ['天气原因（降雨）', '大风降温，暂停户外活动', '与镇里集中活动时间冲突', '场地临时占用'];
/** Exact spots at a venue (activities.address), prefixed with the village/community name. */
const SPOTS = ['村委会广场', '文化广场', '新时代文明实践站活动室', '农家书屋', '村史馆', '集市路口', '幸福院', '党群服务中心', '村小学操场', '卫生室门前'];
/** Share of activities at a station other than the team's own: county and town teams serve in villages. */
const AWAY_SHARE_UPPER = 0.8; // teams of the center / an institute
const AWAY_SHARE_STATION = 0.1; // station teams: another station of their town
const ADDRESS_SHARE = 0.35;

export interface SeededActivity {
  id: string;
  teamId: string;
  startsAt: Date;
  endsAt: Date;
  status: ActivityStatus;
  kind: ActivityKind;
  category: ActivityCategory;
  capacity: number | null;
  /** volunteers with a confirmed sign-up (members of the team) */
  volunteerIds: string[];
}

const COLUMNS = [
  'id',
  'title',
  'kind',
  'category',
  'site_id',
  'team_id',
  'starts_at',
  'ends_at',
  'capacity',
  'status',
  'audience_reached',
  'schedule_id',
  'description',
  'checkin_secret',
  'cancel_reason',
  'created_at',
  'completed_at',
  'cancelled_at',
  'address',
];

/**
 * Demo history: Friday service days (≈5,000), themed activities (≈5,000) and story lectures (≈1,000) over the two
 * years up to SEED_TODAY, completed with audienceReached (a few cancelled), with confirmed sign-ups of team members
 * (never two on the same day for one volunteer, so no overlaps). Plus published, attendance-free upcoming activities
 * in the 4 weeks after the REAL current date (a weekly schedule for the demo team), so the demo has something to
 * sign up to. Stores the past activities in ctx.activities for the attendance step.
 */
export const seedActivities: SeedStep = async (ctx: SeedContext) => {
  const { rng, em, teams } = ctx;
  const first = addDays(SEED_TODAY, -(HISTORY_DAYS - 1));
  const busy = new Map<string, Set<string>>(); // volunteer → dates with a confirmed sign-up
  const activityRows: unknown[][] = [];
  const signupRows: unknown[][] = [];
  const past: SeededActivity[] = [];
  const summary: Record<string, number> = {};
  const stationName = new Map(ctx.stations.map((s) => [s.id, s.name]));
  // a station's village/community, else the team's town (institute teams), else the county (center teams)
  const place = (siteId: string) => stationName.get(siteId) ?? (siteId === ctx.centerId ? '清水县' : (ctx.towns.find((t) => t.instituteId === siteId)?.name ?? ''));

  // The venue (activities.site_id): county and town teams mostly serve in the villages of their town (county teams
  // anywhere in the county), station teams now and then at another station of their town. A separate PRNG keeps
  // ctx.rng's stream (and so every other seeded figure) as it was before venues existed.
  const vr = new Prng(SEED + 2);
  const stationsOfTown = ctx.towns.map((_, ti) => ctx.stations.filter((st) => st.townIndex === ti));
  const venue = (team: SeedContext['teams'][number]): { siteId: string; address: string } => {
    let siteId = team.siteId;
    const upper = !stationName.has(team.siteId);
    if (vr.chance(upper ? AWAY_SHARE_UPPER : AWAY_SHARE_STATION)) {
      const pool = team.siteId === ctx.centerId ? ctx.stations : (stationsOfTown[team.townIndex] ?? []);
      const other = pool.filter((st) => st.id !== team.siteId);
      if (other.length) siteId = vr.pick(other).id;
    }
    const address = vr.chance(ADDRESS_SHARE) ? `${place(siteId)}${vr.pick(SPOTS)}` : '';
    return { siteId, address };
  };

  const add = (o: {
    team: SeedContext['teams'][number];
    at: { siteId: string; address: string };
    kind: ActivityKind;
    category: ActivityCategory;
    title: string;
    date: string;
    start: string;
    end: string;
    want: number; // sign-ups wanted
    audience: [number, number];
    capacityMode: 'none' | 'some';
  }) => {
    const id = rng.uuid();
    const startsAt = shanghaiInstant(o.date, o.start);
    const endsAt = shanghaiInstant(o.date, o.end);
    const cancelled = rng.chance(CANCEL_RATE);
    const status: ActivityStatus = cancelled ? 'cancelled' : 'completed';
    const created = shanghaiInstant(addDays(o.date, -rng.int(3, 10)), '10:00');
    const volunteers: string[] = [];
    if (!cancelled) {
      const pool = o.team.memberIds.slice();
      for (let i = 0; i < pool.length && volunteers.length < o.want; i++) {
        const j = i + Math.floor(rng.next() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j], pool[i]];
        const v = pool[i];
        const days = busy.get(v) ?? new Set<string>();
        if (days.has(o.date)) continue;
        days.add(o.date);
        busy.set(v, days);
        volunteers.push(v);
      }
    }
    const capacity = o.capacityMode === 'some' && rng.chance(0.5) ? Math.max(volunteers.length, rng.int(10, 30)) : null;
    const audience = cancelled ? null : rng.int(o.audience[0], o.audience[1]);
    activityRows.push([
      id,
      o.title,
      o.kind,
      o.category,
      o.at.siteId,
      o.team.id,
      startsAt,
      endsAt,
      capacity,
      status,
      audience,
      null,
      '',
      randomBytes(32).toString('hex'),
      cancelled ? rng.pick(CANCEL_REASONS) : null,
      created,
      cancelled ? null : endsAt,
      cancelled ? shanghaiInstant(addDays(o.date, -1), '18:00') : null,
      o.at.address,
    ]);
    for (const v of volunteers) signupRows.push([id, v, 'confirmed', created]);
    past.push({ id, teamId: o.team.id, startsAt, endsAt, status, kind: o.kind, category: o.category, capacity, volunteerIds: volunteers });
    summary[`activities_${o.kind}`] = (summary[`activities_${o.kind}`] ?? 0) + 1;
    if (cancelled) summary.activities_cancelled = (summary.activities_cancelled ?? 0) + 1;
  };

  // Friday service days: each team takes part on a share of the Fridays (red vests and the demo team more often)
  const fridays = occurrenceDates({ weekday: 5, startsOn: first, endsOn: SEED_TODAY });
  const weight = (t: SeedContext['teams'][number]) => (t.id === ctx.demo.teamId ? 6 : t.type === 'red_vest' ? 2 : t.type === 'red_scarf' ? 0.6 : 1) * (0.5 + rng.next());
  const weights = teams.map(weight);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perFriday = TARGET_SERVICE_DAYS / fridays.length;
  const share = weights.map((w) => Math.min(0.9, (w / wsum) * perFriday));
  const slots: Array<[string, string]> = [
    ['08:30', '11:00'],
    ['09:00', '11:30'],
    ['14:30', '17:00'],
    ['15:00', '17:30'],
  ];
  for (const date of fridays) {
    teams.forEach((team, i) => {
      if (!rng.chance(share[i])) return;
      const [start, end] = rng.pick(slots);
      const category = rng.pick(SERVICE_DAY_CATEGORIES);
      const at = venue(team);
      const where = place(at.siteId);
      add({
        team,
        at,
        kind: 'service_day',
        category,
        date,
        start,
        end,
        title: `${where}志愿服务日·${ACTIVITY_CATEGORY_LABELS[category]}`,
        want: Math.min(team.memberIds.length, rng.int(4, 12)),
        audience: [3, 15],
        capacityMode: 'some',
      });
    });
  }

  // themed activities on any day (more at weekends), lectures
  const randomDay = () => {
    for (;;) {
      const d = addDays(first, rng.int(0, HISTORY_DAYS - 1));
      if (isoWeekday(d) >= 6 || rng.chance(0.55)) return d;
    }
  };
  const teamPick = () => teams[Math.floor(rng.next() * teams.length)];
  for (let i = 0; i < TARGET_THEMED; i++) {
    const team = teamPick();
    const category = rng.pick(THEMED_CATEGORIES);
    const h = rng.int(8, 16);
    const dur = rng.pick([90, 120, 150, 180]);
    const start = `${String(h).padStart(2, '0')}:${rng.pick(['00', '30'])}`;
    const endMin = h * 60 + Number(start.slice(3)) + dur;
    const end = `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
    const at = venue(team);
    add({
      team,
      at,
      kind: 'themed',
      category,
      date: randomDay(),
      start,
      end,
      title: `${place(at.siteId)}${rng.pick(THEMED_TITLES[category]!)}`,
      want: Math.min(team.memberIds.length, rng.int(3, 10)),
      audience: [5, 30],
      capacityMode: 'some',
    });
  }
  for (let i = 0; i < TARGET_LECTURES; i++) {
    const team = teamPick();
    const [start, end] = rng.pick([
      ['09:30', '11:00'],
      ['15:00', '16:30'],
      ['19:00', '20:30'],
    ] as Array<[string, string]>);
    add({
      team,
      at: venue(team),
      kind: 'lecture',
      category: rng.pick(LECTURE_CATEGORIES),
      date: randomDay(),
      start,
      end,
      title: `“${rng.pick(LECTURE_TOPICS)}”故事式宣讲`,
      want: Math.min(team.memberIds.length, rng.int(2, 5)),
      audience: [15, 60],
      capacityMode: 'none',
    });
  }

  // upcoming: the 4 weeks after the real today, published, no attendance (a separate PRNG keeps ctx.rng deterministic)
  const up = new Prng(SEED + 1);
  const today = shanghaiDate(new Date());
  const demoTeam = teams.find((t) => t.id === ctx.demo.teamId)!;
  const upcomingRows: unknown[][] = [];
  const upcomingSignups: unknown[][] = [];
  const scheduleId = up.uuid();
  const schedule = { startsOn: addDays(today, 1), endsOn: addDays(today, 28) };
  // the demo team's Friday service takes place at 东关社区 (a station of its town), meeting at the square
  const stationOf = (name: string) => ctx.stations.find((st) => st.name === name)?.id ?? demoTeam.siteId;
  const demoVenue = { siteId: stationOf('东关社区'), address: '东关社区文化广场' };
  await em.query(
    `INSERT INTO service_day_schedules (id, team_id, site_id, title, category, weekday, start_time, end_time, starts_on, ends_on, capacity, description, address)
     VALUES ($1,$2,$3,'永清镇红马甲周五志愿服务日','sanitation',5,'09:00','11:30',$4,$5,20,'每周五上午，东关社区及周边背街小巷环境整治、文明劝导。',$6)`,
    [scheduleId, demoTeam.id, demoVenue.siteId, schedule.startsOn, schedule.endsOn, demoVenue.address],
  );
  const upcoming = (
    team: SeedContext['teams'][number],
    at: { siteId: string; address: string },
    kind: ActivityKind,
    category: ActivityCategory,
    title: string,
    date: string,
    start: string,
    end: string,
    capacity: number | null,
    sched: string | null,
  ) => {
    const id = up.uuid();
    upcomingRows.push([
      id,
      title,
      kind,
      category,
      at.siteId,
      team.id,
      shanghaiInstant(date, start),
      shanghaiInstant(date, end),
      capacity,
      'published',
      null,
      sched,
      '',
      randomBytes(32).toString('hex'),
      null,
      new Date(),
      null,
      null,
      at.address,
    ]);
    return id;
  };
  const demoFridays = occurrenceDates({ weekday: 5, ...schedule });
  demoFridays.forEach((d, i) => {
    const id = upcoming(demoTeam, demoVenue, 'service_day', 'sanitation', '永清镇红马甲周五志愿服务日', d, '09:00', '11:30', 20, scheduleId);
    // the demo leader and a few members already signed up; the demo member on the first one
    const who = [ctx.demo.leaderVolunteerId, ...demoTeam.memberIds.filter((v) => v !== ctx.demo.leaderVolunteerId && v !== ctx.demo.memberVolunteerId).slice(0, 3 + i)];
    if (i === 0) who.push(ctx.demo.memberVolunteerId);
    for (const v of who) upcomingSignups.push([id, v, 'confirmed', new Date()]);
  });
  const demoThemed: Array<[ActivityCategory, string, number, string, string, { siteId: string; address: string }]> = [
    ['civility_persuasion', '东关社区文明交通劝导', 3, '08:00', '10:00', { siteId: stationOf('东关社区'), address: '东关十字路口' }],
    ['waste_sorting', '永和社区垃圾分类入户指导', 9, '15:00', '17:00', { siteId: stationOf('永和社区'), address: '' }],
    ['elderly_care', '关爱空巢老人走访', 16, '09:30', '11:30', { siteId: demoTeam.siteId, address: '' }],
  ];
  for (const [cat, title, offset, s, e, at] of demoThemed) {
    let d = addDays(today, offset);
    if (isoWeekday(d) === 5) d = addDays(d, 1);
    upcoming(demoTeam, at, 'themed', cat, title, d, s, e, up.chance(0.5) ? 15 : null, null);
  }
  for (let i = 0; i < 60; i++) {
    const team = teams[Math.floor(up.next() * teams.length)];
    if (team.id === demoTeam.id) continue;
    const date = addDays(today, up.int(1, 28));
    const kind: ActivityKind = isoWeekday(date) === 5 ? 'service_day' : up.chance(0.2) ? 'lecture' : 'themed';
    const category = kind === 'lecture' ? up.pick(LECTURE_CATEGORIES) : kind === 'service_day' ? up.pick(SERVICE_DAY_CATEGORIES) : up.pick(THEMED_CATEGORIES);
    const at = venue(team);
    const title =
      kind === 'lecture'
        ? `“${up.pick(LECTURE_TOPICS)}”故事式宣讲`
        : kind === 'service_day'
          ? `${place(at.siteId)}志愿服务日·${ACTIVITY_CATEGORY_LABELS[category]}`
          : `${place(at.siteId)}${up.pick(THEMED_TITLES[category]!)}`;
    const [start, end] = up.pick([
      ['08:30', '11:00'],
      ['09:00', '11:00'],
      ['14:30', '17:00'],
      ['19:00', '20:30'],
    ] as Array<[string, string]>);
    upcoming(team, at, kind, category, title, date, start, end, up.chance(0.5) ? up.int(10, 30) : null, null);
  }

  await insertRows(em, 'activities', COLUMNS, [...activityRows, ...upcomingRows], 400);
  await insertRows(em, 'signups', ['activity_id', 'volunteer_id', 'status', 'created_at'], [...signupRows, ...upcomingSignups], 2000);
  ctx.activities = past;
  summary.activities = activityRows.length;
  summary.activities_upcoming = upcomingRows.length;
  summary.signups = signupRows.length + upcomingSignups.length;
  summary.audience_reached = activityRows.reduce((a, r) => a + (Number(r[10]) || 0), 0);
  const homeSite = new Map(teams.map((t) => [t.id, t.siteId]));
  summary.activities_away = activityRows.filter((r) => r[4] !== homeSite.get(r[5] as string)).length;
  return summary;
};
