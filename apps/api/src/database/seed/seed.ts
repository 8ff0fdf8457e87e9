import type { DataSource, EntityManager } from 'typeorm';
import { TEAM_TYPES, type TeamType } from '@wenming/shared';
import { hashPassword } from '../../common/crypto/password';
import { seedActivities, type SeededActivity } from './activities.seed';
import { seedOrders } from './orders.seed';
import { seedAttendance } from './attendance.seed';
import { seedPointsShop } from './points-shop.seed';
import { Prng } from './prng';
import { statsSeedStep } from './stats.seed';
import { COUNTY, GIVEN_FEMALE, GIVEN_MALE, SKILLS, SURNAMES, TOWNS, VILLAGE_PREFIXES, VILLAGE_SUFFIXES } from './qingshui';

export const SEED = 20261129;

export const DEMO_LOGINS = [
  { phone: '13800000001', label: '县文明办管理员 county_admin' },
  { phone: '13800000002', label: '永清镇新时代文明实践所管理员 site_admin' },
  { phone: '13800000003', label: '永清镇红马甲志愿服务队队长 (volunteer, leader)' },
  { phone: '13800000004', label: '永清镇红马甲志愿服务队队员 (volunteer)' },
] as const;

export interface SeedContext {
  rng: Prng;
  em: EntityManager;
  centerId: string;
  towns: Array<{ regionId: string; name: string; instituteId: string }>;
  stations: Array<{ id: string; townIndex: number; name: string; community: boolean }>;
  teams: Array<{ id: string; type: TeamType; siteId: string; townIndex: number; memberIds: string[]; leaderId: string }>;
  demo: { teamId: string; leaderVolunteerId: string; memberVolunteerId: string };
  /** Past activities of the history (set by the activities step; completed or cancelled, with their confirmed volunteers). */
  activities?: SeededActivity[];
}

/** Further seeding steps, in order: activities → attendance → 积分超市 (ledger, goods, redemptions, deeds, honours, notices) → service orders → statistics roll-ups. */
export type SeedStep = (ctx: SeedContext) => Promise<Record<string, number>>;
// arrows defer the lookups: the step files import this file
export const SEED_STEPS: SeedStep[] = [(ctx) => seedActivities(ctx), (ctx) => seedAttendance(ctx), (ctx) => seedPointsShop(ctx), (ctx) => seedOrders(ctx)];
// the statistics roll-up step is pushed LAST, after every history step (see the end of this file)

/** "Today" of the demo history: fixed, so the same command gives the same totals. */
export const SEED_TODAY = '2026-11-27';

export async function isEmpty(ds: DataSource): Promise<boolean> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM regions`);
  return n === 0;
}

export async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const values = part.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(',')})`);
    await em.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values.join(',')}`, params);
  }
}

function personName(rng: Prng, gender: 'male' | 'female'): string {
  return rng.pick(SURNAMES) + rng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
}

function villageNames(rng: Prng, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const n = rng.pick(VILLAGE_PREFIXES) + rng.pick(VILLAGE_SUFFIXES) + '村';
    if (!taken.has(n)) {
      taken.add(n);
      out.push(n);
    }
  }
  return out;
}

/**
 * The Qingshui demo county: regions, 350 sites, 300+ teams, thousands of volunteers and the demo logins.
 * Deterministic: a fixed PRNG seed and fixed ids derived from it.
 */
export async function seedDemo(ds: DataSource, opts: { password: string; history?: boolean }): Promise<Record<string, number>> {
  const passwordHash = await hashPassword(opts.password);
  return ds.transaction(async (em) => {
    const rng = new Prng(SEED);
    const summary: Record<string, number> = {};

    // regions
    const countyId = rng.uuid();
    const regionRows: unknown[][] = [[countyId, COUNTY.name, 'county', null, COUNTY.code]];
    const towns: SeedContext['towns'] = [];
    const stationPlans: Array<{ regionId: string; townIndex: number; name: string; community: boolean }> = [];
    TOWNS.forEach((t, ti) => {
      const townId = rng.uuid();
      const townCode = `${COUNTY.code}${String(ti + 1).padStart(3, '0')}`;
      regionRows.push([townId, t.name, 'town', countyId, townCode]);
      towns.push({ regionId: townId, name: t.name, instituteId: '' });
      const taken = new Set<string>();
      const names = [...t.communities.map((c) => ({ n: c, community: true })), ...villageNames(rng, t.villages, taken).map((n) => ({ n, community: false }))];
      names.forEach((v, vi) => {
        const id = rng.uuid();
        regionRows.push([id, v.n, v.community ? 'community' : 'village', townId, `${townCode}${String(vi + 1).padStart(3, '0')}`]);
        stationPlans.push({ regionId: id, townIndex: ti, name: v.n, community: v.community });
      });
    });
    await insertRows(em, 'regions', ['id', 'name', 'level', 'parent_id', 'code'], regionRows);
    summary.regions = regionRows.length;

    // sites: 1 center, 18 institutes, 331 stations
    const centerId = rng.uuid();
    const phone = () => `0938-${rng.int(5000000, 5999999)}`;
    const siteRows: unknown[][] = [[centerId, '清水县新时代文明实践中心', 'center', countyId, null, '清水县永清镇轩辕大道', '刘文明', phone()]];
    towns.forEach((t, ti) => {
      t.instituteId = rng.uuid();
      siteRows.push([
        t.instituteId,
        `${t.name}新时代文明实践所`,
        'institute',
        t.regionId,
        centerId,
        `清水县${t.name}政府院内`,
        personName(rng, rng.chance(0.5) ? 'male' : 'female'),
        phone(),
      ]);
      void ti;
    });
    const stations: SeedContext['stations'] = stationPlans.map((p) => {
      const id = rng.uuid();
      const town = towns[p.townIndex];
      siteRows.push([
        id,
        `${p.name}新时代文明实践站`,
        'station',
        p.regionId,
        town.instituteId,
        `清水县${town.name}${p.name}${p.community ? '党群服务中心' : '村委会'}`,
        personName(rng, rng.chance(0.6) ? 'male' : 'female'),
        `1${rng.int(30, 99)}${String(rng.int(0, 99999999)).padStart(8, '0')}`,
      ]);
      return { id, townIndex: p.townIndex, name: p.name, community: p.community };
    });
    await insertRows(em, 'sites', ['id', 'name', 'level', 'region_id', 'parent_id', 'address', 'contact_name', 'contact_phone'], siteRows);
    summary.sites = siteRows.length;

    // teams
    const teamPlans: Array<{ id: string; name: string; type: TeamType; siteId: string; townIndex: number; size: number }> = [];
    const addTeam = (name: string, type: TeamType, siteId: string, townIndex: number, size: number) =>
      teamPlans.push({ id: rng.uuid(), name, type, siteId, townIndex, size });
    // county-level teams at the center
    addTeam('清水县红马甲志愿服务总队', 'red_vest', centerId, 0, 40);
    addTeam('清水县党员先锋志愿服务队', 'party_member', centerId, 0, 30);
    addTeam('清水县巾帼志愿服务队', 'women', centerId, 0, 30);
    addTeam('清水县青年志愿服务队', 'youth', centerId, 0, 30);
    addTeam('清水县理论宣讲志愿服务队', 'other', centerId, 0, 20);
    addTeam('清水县新风管家志愿服务队', 'new_customs', centerId, 0, 20);
    towns.forEach((t, ti) => {
      addTeam(`${t.name}红马甲志愿服务队`, 'red_vest', t.instituteId, ti, rng.int(18, 30));
      addTeam(`${t.name}党员先锋志愿服务队`, 'party_member', t.instituteId, ti, rng.int(12, 24));
      addTeam(`${t.name}巾帼志愿服务队`, 'women', t.instituteId, ti, rng.int(12, 24));
      addTeam(`${t.name}青年志愿服务队`, 'youth', t.instituteId, ti, rng.int(10, 20));
    });
    stations.forEach((s) => {
      if (s.community) {
        addTeam(`${s.name}红马甲志愿服务队`, 'red_vest', s.id, s.townIndex, rng.int(10, 25));
        if (rng.chance(0.6)) addTeam(`${s.name}红领巾志愿服务队`, 'red_scarf', s.id, s.townIndex, rng.int(15, 30));
      } else {
        if (rng.chance(0.5)) addTeam(`${s.name}新风管家志愿服务队`, 'new_customs', s.id, s.townIndex, rng.int(6, 15));
        if (rng.chance(0.15)) addTeam(`${s.name}红领巾志愿服务队`, 'red_scarf', s.id, s.townIndex, rng.int(12, 25));
        if (rng.chance(0.08)) addTeam(`${s.name}巾帼志愿服务队`, 'women', s.id, s.townIndex, rng.int(6, 12));
      }
    });
    const descriptions: Record<TeamType, string> = {
      red_scarf: '少先队员组成，开展文明劝导、垃圾分类宣传和敬老助老。',
      red_vest: '身穿红马甲，常态化开展环境卫生、文明劝导和关爱帮扶。',
      new_customs: '倡导移风易俗，婚事新办、丧事简办，推动乡风文明。',
      party_member: '党员带头，亮身份、作表率，参与基层治理和志愿服务。',
      women: '巾帼建功，关爱留守儿童和困难妇女，开展家风家教宣讲。',
      youth: '青年突击队，参与应急服务、助农直播和文化活动。',
      other: '专业志愿服务队伍。',
    };
    await insertRows(
      em,
      'teams',
      ['id', 'name', 'type', 'site_id', 'description'],
      teamPlans.map((t) => [t.id, t.name, t.type, t.siteId, descriptions[t.type]]),
    );
    summary.teams = teamPlans.length;
    for (const type of TEAM_TYPES) summary[`teams_${type}`] = teamPlans.filter((t) => t.type === type).length;

    // volunteers and memberships: each team gets its members, some adults serve in two teams
    const volunteerRows: unknown[][] = [];
    const membershipRows: unknown[][] = [];
    const usedPhones = new Set<string>();
    const newPhone = () => {
      for (;;) {
        const p = `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
        if (!p.startsWith('138000000') && !usedPhones.has(p)) {
          usedPhones.add(p);
          return p;
        }
      }
    };
    const adultPool: Array<{ id: string; townIndex: number }> = [];
    const teams: SeedContext['teams'] = [];
    const homeStation = (townIndex: number, siteId: string) => {
      const st = stations.find((s) => s.id === siteId);
      if (st) return st.id;
      const inTown = stations.filter((s) => s.townIndex === townIndex);
      return rng.pick(inTown).id;
    };
    const stationsByTown = TOWNS.map((_, ti) => stations.filter((s) => s.townIndex === ti));
    for (const t of teamPlans) {
      const memberIds: string[] = [];
      for (let i = 0; i < t.size; i++) {
        if (t.type !== 'red_scarf' && i > 0 && adultPool.length > 50 && rng.chance(0.12)) {
          const candidates = adultPool.filter((a) => a.townIndex === t.townIndex);
          const a = candidates.length ? rng.pick(candidates) : rng.pick(adultPool);
          if (!memberIds.includes(a.id)) {
            memberIds.push(a.id);
            continue;
          }
        }
        const id = rng.uuid();
        const gender = t.type === 'women' || rng.chance(0.48) ? 'female' : 'male';
        const pupil = t.type === 'red_scarf' && i > 0;
        const year = pupil ? rng.int(2012, 2017) : t.type === 'youth' ? rng.int(1992, 2004) : rng.int(1958, 1998);
        const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        const political = pupil
          ? 'young_pioneer'
          : t.type === 'party_member'
            ? 'party_member'
            : rng.pick(['masses', 'masses', 'masses', 'party_member', 'league_member'] as const);
        const skills = pupil ? [] : rng.chance(0.4) ? [rng.pick(SKILLS)] : [];
        const siteId =
          t.siteId === centerId || towns.some((x) => x.instituteId === t.siteId) ? rng.pick(stationsByTown[t.townIndex]).id : homeStation(t.townIndex, t.siteId);
        volunteerRows.push([id, personName(rng, gender), pupil ? null : newPhone(), gender, birth, political, `{${skills.join(',')}}`, siteId]);
        memberIds.push(id);
        if (!pupil) adultPool.push({ id, townIndex: t.townIndex });
      }
      memberIds.forEach((vid, i) => membershipRows.push([t.id, vid, i === 0 ? 'leader' : 'member']));
      teams.push({ id: t.id, type: t.type, siteId: t.siteId, townIndex: t.townIndex, memberIds, leaderId: memberIds[0] });
    }
    // demo people: the leader and a member of 永清镇红马甲志愿服务队
    const demoTeam = teams.find((t) => t.siteId === towns[0].instituteId && t.type === 'red_vest')!;
    const dongguan = stations.find((s) => s.name === '东关社区')!;
    const leaderId = rng.uuid();
    const memberId = rng.uuid();
    volunteerRows.push([leaderId, '王建军', '13800000003', 'male', '1978-05-16', 'party_member', '{宣讲,驾驶}', dongguan.id]);
    volunteerRows.push([memberId, '李秀兰', '13800000004', 'female', '1986-09-02', 'masses', '{义诊}', dongguan.id]);
    // the demo leader replaces the generated leader, who stays a member
    const old = membershipRows.find((m) => m[0] === demoTeam.id && m[2] === 'leader')!;
    old[2] = 'member';
    membershipRows.push([demoTeam.id, leaderId, 'leader'], [demoTeam.id, memberId, 'member']);
    demoTeam.memberIds.unshift(leaderId);
    demoTeam.memberIds.push(memberId);
    demoTeam.leaderId = leaderId;

    await insertRows(em, 'volunteers', ['id', 'name', 'phone', 'gender', 'birth_date', 'political_status', 'skills', 'site_id'], volunteerRows);
    await insertRows(em, 'team_memberships', ['team_id', 'volunteer_id', 'role'], membershipRows);
    summary.volunteers = volunteerRows.length;
    summary.memberships = membershipRows.length;

    // logins
    const yongqing = towns[0].instituteId;
    await insertRows(
      em,
      'users',
      ['id', 'phone', 'password_hash', 'role', 'site_id', 'volunteer_id'],
      [
        [rng.uuid(), '13800000001', passwordHash, 'county_admin', centerId, null],
        [rng.uuid(), '13800000002', passwordHash, 'site_admin', yongqing, null],
        [rng.uuid(), '13800000003', passwordHash, 'volunteer', null, leaderId],
        [rng.uuid(), '13800000004', passwordHash, 'volunteer', null, memberId],
      ],
    );
    summary.users = 4;

    const ctx: SeedContext = { rng, em, centerId, towns, stations, teams, demo: { teamId: demoTeam.id, leaderVolunteerId: leaderId, memberVolunteerId: memberId } };
    // two years of history (activities, attendance, orders, roll-ups); the e2e suites skip it for speed
    if (opts.history !== false) for (const step of SEED_STEPS) Object.assign(summary, await step(ctx));
    return summary;
  });
}

/** Production: the first county admin from ADMIN_PHONE/ADMIN_PASSWORD, created once. */
export async function ensureAdmin(ds: DataSource, phone: string, password: string): Promise<boolean> {
  const existing = await ds.query(`SELECT 1 FROM users WHERE phone = $1`, [phone]);
  if (existing.length) return false;
  await ds.query(`INSERT INTO users (phone, password_hash, role) VALUES ($1, $2, 'county_admin')`, [phone, await hashPassword(password)]);
  return true;
}

// statistics roll-ups: rebuilt and verified after all history (keep this push last in the file)
SEED_STEPS.push(statsSeedStep);
