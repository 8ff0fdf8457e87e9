import { randomBytes, randomUUID } from 'node:crypto';
import type { ActivityWithCountsDto, BreakdownResponse, StatsSummaryResponse } from '@wenming/shared';
import { moveOrderedActivitiesToStation } from '../../src/database/migrations/1764390000100-activity-venue';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { api, orderFixture } from '../setup/orders';
import { bearer, DEMO, registerVolunteer, uniquePhone, type TestApp, createTestApp } from '../setup/test-app';

/**
 * Activity venue (issue 10): a town team serving at a village station of its town — filters, the station admin's
 * scope, statistics by site, ordered services at the ordering station, schedules, names in every answer, the
 * migration that moves ordered services to their station, and the leader's lists of 150 people.
 */
describe('activity venue and names', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof orderFixture>>;
  let stationAdmin: Record<string, string>;
  let stationAdminId: string;
  let stationAdminPhone: string;
  let station: { id: string; name: string; parentId: string; townId: string; townName: string };
  let institute: { id: string; name: string };
  let otherTownId: string;
  let leaderName: string;
  const H = 3600_000;
  const MIN = 60_000;

  const iso = (ms: number) => new Date(ms).toISOString();
  const ids = () => f.ids;

  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixture(t);
    // a site admin of the village station only: the demo team (at the 永清镇 institute) is not in their subtree
    const phone = uniquePhone();
    const u = await t.http().post(api('/users')).set(f.county).send({ phone, password: 'Staff@2026x', role: 'site_admin', siteId: ids().yongqingStationId });
    expect(u.status).toBe(201);
    stationAdminId = u.body.id;
    stationAdminPhone = phone;
    expect(u.body).toMatchObject({ siteId: ids().yongqingStationId, volunteerName: null });
    stationAdmin = bearer(await t.token(phone, 'Staff@2026x'));
    const s = await t
      .http()
      .get(api(`/sites/${ids().yongqingStationId}`))
      .set(f.county);
    expect(s.status).toBe(200);
    station = s.body;
    const i = await t
      .http()
      .get(api(`/sites/${ids().yongqingInstituteId}`))
      .set(f.county);
    institute = i.body;
    const o = await t
      .http()
      .get(api(`/sites/${ids().otherInstituteId}`))
      .set(f.county);
    otherTownId = o.body.townId;
    const me = await t.http().get(api('/me')).set(f.leader);
    leaderName = me.body.volunteer.name;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The leader of the 永清镇 town team schedules an activity at the village station, with an address. */
  async function atStation(body: Record<string, unknown> = {}): Promise<ActivityWithCountsDto> {
    const start = Date.now() + 5 * 86400_000;
    const r = await t
      .http()
      .post(api('/activities'))
      .set(f.leader)
      .send({
        title: `村里的文明劝导${randomBytes(3).toString('hex')}`,
        kind: 'themed',
        category: 'civility_persuasion',
        teamId: ids().demoTeamId,
        siteId: ids().yongqingStationId,
        address: '  东关广场  ',
        startsAt: iso(start),
        endsAt: iso(start + 2 * H),
        ...body,
      });
    if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  const listIds = async (who: Record<string, string>, q: Record<string, string>, a: { startsAt: string }) => {
    const day = new Date(Date.parse(a.startsAt) + 8 * H).toISOString().slice(0, 10); // Asia/Shanghai date
    const r = await t
      .http()
      .get(api('/activities'))
      .query({ from: day, to: day, pageSize: 100, ...q })
      .set(who);
    expect(r.status).toBe(200);
    return (r.body.items as ActivityWithCountsDto[]).map((x) => x.id);
  };

  describe('a town team at a village station of its town', () => {
    it('answers with the venue, its names and the trimmed address', async () => {
      const a = await atStation();
      expect(a).toMatchObject({
        siteId: station.id,
        siteName: station.name,
        townId: station.townId,
        townName: '永清镇',
        address: '东关广场',
        teamId: ids().demoTeamId,
        teamName: '永清镇红马甲志愿服务队',
        mySignup: null,
      });
      expect(station.townId).toBeTruthy();
      const g = await t
        .http()
        .get(api(`/activities/${a.id}`))
        .set(f.member);
      expect(g.status).toBe(200);
      expect(g.body).toMatchObject({ siteName: station.name, townName: '永清镇', address: '东关广场', teamName: '永清镇红马甲志愿服务队' });
    });

    it("lists under the station's siteId and the town's townId, not under the team's site or another town", async () => {
      const a = await atStation();
      expect(await listIds(f.county, { siteId: station.id }, a)).toContain(a.id);
      expect(await listIds(f.county, { townId: station.townId }, a)).toContain(a.id);
      expect(await listIds(f.member, { townId: station.townId }, a)).toContain(a.id);
      expect(await listIds(f.county, { siteId: institute.id }, a)).not.toContain(a.id);
      expect(await listIds(f.county, { townId: otherTownId }, a)).not.toContain(a.id);
      // a townId that is not a town: 400 on the field
      const bad = await t.http().get(api('/activities')).query({ townId: station.id }).set(f.county);
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('townId');
    });

    it("the station's site admin sees and manages it; a site admin of another town gets 403", async () => {
      const a = await atStation();
      expect(await listIds(stationAdmin, {}, a)).toContain(a.id);
      expect(await listIds(f.siteOut, {}, a)).not.toContain(a.id);
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}`))
            .set(stationAdmin)
        ).status,
      ).toBe(200);
      const p = await t
        .http()
        .patch(api(`/activities/${a.id}`))
        .set(stationAdmin)
        .send({ address: '东关广场北侧' });
      expect(p.status).toBe(200);
      expect(p.body.address).toBe('东关广场北侧');
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/checkin-code`))
            .set(stationAdmin)
        ).status,
      ).toBe(200);
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/attendance`))
            .set(stationAdmin)
        ).status,
      ).toBe(200);
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/signups`))
            .set(stationAdmin)
        ).status,
      ).toBe(200);

      expect(
        (
          await t
            .http()
            .patch(api(`/activities/${a.id}`))
            .set(f.siteOut)
            .send({ title: '改不了' })
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/checkin-code`))
            .set(f.siteOut)
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/attendance`))
            .set(f.siteOut)
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .post(api(`/activities/${a.id}/cancel`))
            .set(f.siteOut)
            .send({ reason: '不归我管' })
        ).status,
      ).toBe(403);
      // the leader of another team neither
      expect(
        (
          await t
            .http()
            .patch(api(`/activities/${a.id}`))
            .set(f.otherLeader)
            .send({ title: '改不了' })
        ).status,
      ).toBe(403);
      // the station admin may move it only where they still manage it
      const away = await t
        .http()
        .patch(api(`/activities/${a.id}`))
        .set(stationAdmin)
        .send({ siteId: ids().otherStationId });
      expect(away.status).toBe(403);
      const c = await t
        .http()
        .post(api(`/activities/${a.id}/cancel`))
        .set(stationAdmin)
        .send({ reason: '天气原因' });
      expect(c.status).toBe(200);
      expect(c.body.status).toBe('cancelled');
    });

    it("the station admin may schedule the town team at their station, not at the team's own site", async () => {
      const start = Date.now() + 6 * 86400_000;
      const body = { title: '站里排的活动', kind: 'themed', category: 'sanitation', teamId: ids().demoTeamId, startsAt: iso(start), endsAt: iso(start + H) };
      const here = await t
        .http()
        .post(api('/activities'))
        .set(stationAdmin)
        .send({ ...body, siteId: station.id });
      expect(here.status).toBe(201);
      expect(here.body.siteId).toBe(station.id);
      // default venue = the team's site (the institute), outside the station admin's subtree
      expect((await t.http().post(api('/activities')).set(stationAdmin).send(body)).status).toBe(403);
      const dflt = await t.http().post(api('/activities')).set(f.leader).send(body);
      expect(dflt.status).toBe(201);
      expect(dflt.body).toMatchObject({ siteId: institute.id, siteName: institute.name, townName: '永清镇', address: '' });
    });

    it('bad siteId or address: 400 on the field', async () => {
      const start = Date.now() + 5 * 86400_000;
      const body = { title: '地点不对', kind: 'themed', category: 'other', teamId: ids().demoTeamId, startsAt: iso(start), endsAt: iso(start + H) };
      const missing = await t
        .http()
        .post(api('/activities'))
        .set(f.leader)
        .send({ ...body, siteId: randomUUID() });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['siteId']);
      expect(missing.body.message).toMatch(/活动地点/);
      const junk = await t
        .http()
        .post(api('/activities'))
        .set(f.leader)
        .send({ ...body, siteId: 'not-a-uuid' });
      expect(junk.status).toBe(400);
      expect(junk.body.details[0].field).toBe('siteId');
      const long = await t
        .http()
        .post(api('/activities'))
        .set(f.leader)
        .send({ ...body, address: '长'.repeat(101) });
      expect(long.status).toBe(400);
      expect(long.body.details[0].field).toBe('address');
      const a = await atStation();
      const p = await t
        .http()
        .patch(api(`/activities/${a.id}`))
        .set(f.leader)
        .send({ siteId: randomUUID() });
      expect(p.status).toBe(400);
      expect(p.body.details[0].field).toBe('siteId');
      for (const body of [{ siteId: null }, { address: null }]) {
        const n = await t
          .http()
          .patch(api(`/activities/${a.id}`))
          .set(f.leader)
          .send(body);
        expect(n.status).toBe(400);
        expect(n.body.details[0].field).toBe(Object.keys(body)[0]);
      }
      const s = await t.http().post(api('/service-day-schedules')).set(f.leader).send({
        teamId: ids().demoTeamId,
        siteId: randomUUID(),
        title: '服务日',
        category: 'sanitation',
        startTime: '09:00',
        endTime: '11:00',
        startsOn: '2030-01-01',
        endsOn: '2030-01-31',
      });
      expect(s.status).toBe(400);
      expect(s.body.details[0].field).toBe('siteId');
    });

    it('statistics by site count it at the station once attendance is confirmed', async () => {
      const start = Date.now() - 4 * H;
      const a = await atStation({ startsAt: iso(start), endsAt: iso(start + 2 * H) });
      const day = new Date(start + 8 * H).toISOString().slice(0, 10);
      const q = { by: 'site', from: day, to: day, teamId: ids().demoTeamId };
      const before: BreakdownResponse = (await t.http().get(api('/stats/breakdown')).query(q).set(f.county)).body;
      const row = (b: BreakdownResponse, key: string) => b.rows.find((r) => r.key === key) ?? { activities: 0, personTimes: 0, serviceMinutes: 0 };
      const m = await t
        .http()
        .post(api(`/activities/${a.id}/attendance`))
        .set(f.leader)
        .send({ volunteerId: ids().memberVolunteerId, checkInAt: iso(start), checkOutAt: iso(start + 90 * MIN) });
      expect(m.status).toBe(201);
      const c = await t
        .http()
        .post(api(`/activities/${a.id}/attendance/confirm`))
        .set(f.leader)
        .send({});
      expect(c.body).toEqual({ confirmed: 1 });
      expect(
        (
          await t
            .http()
            .post(api(`/activities/${a.id}/complete`))
            .set(f.leader)
            .send({ audienceReached: 12 })
        ).status,
      ).toBe(200);
      const after: BreakdownResponse = (await t.http().get(api('/stats/breakdown')).query(q).set(f.county)).body;
      expect(row(after, station.id).activities - row(before, station.id).activities).toBe(1);
      expect(row(after, station.id).personTimes - row(before, station.id).personTimes).toBe(1);
      expect(row(after, station.id).serviceMinutes - row(before, station.id).serviceMinutes).toBe(90);
      expect(row(after, institute.id)).toEqual(row(before, institute.id));
      expect(after.rows.find((r) => r.key === station.id)!.label).toBe(station.name);
      // by town it counts in 永清镇
      const town: BreakdownResponse = (
        await t
          .http()
          .get(api('/stats/breakdown'))
          .query({ ...q, by: 'town' })
          .set(f.county)
      ).body;
      expect(town.rows.find((r) => r.key === station.townId)!.activities).toBeGreaterThanOrEqual(1);
      // the station's admin sees it in their own statistics
      const mine: StatsSummaryResponse = (await t.http().get(api('/stats/summary')).query({ from: day, to: day }).set(stationAdmin)).body;
      expect(mine.activities).toBeGreaterThanOrEqual(1);
      // the attendance names whoever confirmed it
      const att = await t
        .http()
        .get(api(`/activities/${a.id}/attendance`))
        .set(f.leader);
      expect(att.body.items[0].confirmedByName).toBe(leaderName);
      // the volunteer's record names the venue
      const rec = await t.http().get(api('/me/record')).set(f.member);
      expect(rec.body.entries.find((e: { activityId: string }) => e.activityId === a.id)).toMatchObject({ siteName: station.name, teamName: '永清镇红马甲志愿服务队' });
    });
  });

  describe('service orders and schedules', () => {
    it("an accepted order's activity takes place at the ordering station, at the order's address", async () => {
      const o = await f.orderIn('accepted', ids().otherStationId);
      const a = await t
        .http()
        .get(api(`/activities/${o.activityId}`))
        .set(f.leader);
      expect(a.status).toBe(200);
      const [os] = await f.db.query(`SELECT s.name FROM sites s WHERE s.id = $1`, [ids().otherStationId]);
      expect(a.body).toMatchObject({
        kind: 'menu_service',
        siteId: ids().otherStationId,
        siteName: os.name,
        address: '永清镇东关社区3号楼',
        teamName: '永清镇红马甲志愿服务队',
      });
      expect(a.body.townId).toBe(otherTownId);
    });

    it('a schedule with siteId and address creates its occurrences there; an update moves the future ones', async () => {
      const from = new Date(Date.now() + 8 * H).toISOString().slice(0, 10);
      const start = new Date(Date.parse(from) + 7 * 86400_000).toISOString().slice(0, 10);
      const end = new Date(Date.parse(from) + 34 * 86400_000).toISOString().slice(0, 10);
      const r = await t.http().post(api('/service-day-schedules')).set(f.leader).send({
        teamId: ids().demoTeamId,
        siteId: station.id,
        address: ' 村委会广场 ',
        title: '村里的周五服务日',
        category: 'sanitation',
        weekday: 5,
        startTime: '09:00',
        endTime: '11:00',
        startsOn: start,
        endsOn: end,
        capacity: 10,
      });
      expect(r.status).toBe(201);
      expect(r.body.schedule).toMatchObject({ siteId: station.id, siteName: station.name, address: '村委会广场', teamName: '永清镇红马甲志愿服务队' });
      expect(r.body.generated.length).toBeGreaterThanOrEqual(3);
      for (const g of r.body.generated)
        expect(g).toMatchObject({ siteId: station.id, siteName: station.name, townName: '永清镇', address: '村委会广场', teamName: '永清镇红马甲志愿服务队' });
      // the station admin sees the schedule (venue in their subtree) and may change it
      const list = await t.http().get(api('/service-day-schedules')).query({ pageSize: 100 }).set(stationAdmin);
      expect(list.body.items.map((s: { id: string }) => s.id)).toContain(r.body.schedule.id);
      const u = await t
        .http()
        .patch(api(`/service-day-schedules/${r.body.schedule.id}`))
        .set(f.leader)
        .send({ siteId: institute.id, address: '所里会议室' });
      expect(u.status).toBe(200);
      expect(u.body.schedule).toMatchObject({ siteId: institute.id, siteName: institute.name, address: '所里会议室' });
      expect(u.body.updated.length).toBe(r.body.generated.length);
      for (const g of u.body.updated) expect(g).toMatchObject({ siteId: institute.id, address: '所里会议室' });
      const [{ n }] = await f.db.query(
        `SELECT count(*)::int AS n FROM activities WHERE schedule_id = $1 AND status = 'published' AND (site_id <> $2 OR address <> '所里会议室')`,
        [r.body.schedule.id, institute.id],
      );
      expect(n).toBe(0);
      // a site admin of another town may not touch it
      expect(
        (
          await t
            .http()
            .patch(api(`/service-day-schedules/${r.body.schedule.id}`))
            .set(f.siteOut)
            .send({ title: '改不了' })
        ).status,
      ).toBe(403);
    });
  });

  describe('the migration: ordered services move to their station', () => {
    it("county totals unchanged, the figures move from the team's site to the ordering station, roll-ups verified", async () => {
      // an ordered service recorded the old way: at the team's home site, no address, completed with attendance
      const o = await f.orderIn('accepted', station.id);
      const start = Date.now() - 5 * H;
      await f.db.query(`UPDATE activities SET site_id = $2, address = '', starts_at = $3, ends_at = $4 WHERE id = $1`, [
        o.activityId,
        institute.id,
        new Date(start),
        new Date(start + 2 * H),
      ]);
      const m = await t
        .http()
        .post(api(`/activities/${o.activityId}/attendance`))
        .set(f.leader)
        .send({ volunteerId: ids().leaderVolunteerId, checkInAt: iso(start), checkOutAt: iso(start + 60 * MIN) });
      expect(m.status).toBe(201);
      expect(
        (
          await t
            .http()
            .post(api(`/activities/${o.activityId}/attendance/confirm`))
            .set(f.leader)
            .send({})
        ).body,
      ).toEqual({ confirmed: 1 });
      expect(
        (
          await t
            .http()
            .post(api(`/activities/${o.activityId}/complete`))
            .set(f.leader)
            .send({ audienceReached: 3 })
        ).status,
      ).toBe(200);

      const day = new Date(start + 8 * H).toISOString().slice(0, 10);
      const summary = async (q: Record<string, string> = {}): Promise<StatsSummaryResponse> => (await t.http().get(api('/stats/summary')).query(q).set(f.county)).body;
      const bySite = async (): Promise<BreakdownResponse> => (await t.http().get(api('/stats/breakdown')).query({ by: 'site', from: day, to: day }).set(f.county)).body;
      const pick = (b: BreakdownResponse, key: string) => {
        const r = b.rows.find((x) => x.key === key);
        return { activities: r?.activities ?? 0, personTimes: r?.personTimes ?? 0, serviceMinutes: r?.serviceMinutes ?? 0, audienceReached: r?.audienceReached ?? 0 };
      };
      const countyBefore = await summary();
      const dayBefore = await summary({ from: day, to: day });
      const sitesBefore = await bySite();

      // the migration's move (the same function its up() runs), then the roll-ups rebuilt and verified, in one transaction
      const moved = await f.db.transaction(async (em) => {
        const n = await moveOrderedActivitiesToStation(em);
        await rebuildStats(em);
        return n;
      });
      expect(moved).toBeGreaterThanOrEqual(1);
      const [a] = await f.db.query(`SELECT site_id, address FROM activities WHERE id = $1`, [o.activityId]);
      expect(a).toEqual({ site_id: station.id, address: '永清镇东关社区3号楼' });
      expect((await verifyStats(f.db.manager)).ok).toBe(true);

      const countyAfter = await summary();
      const dayAfter = await summary({ from: day, to: day });
      const sitesAfter = await bySite();
      const figures = (s: StatsSummaryResponse) => ({
        activities: s.activities,
        personTimes: s.personTimes,
        volunteers: s.volunteers,
        serviceMinutes: s.serviceMinutes,
        audienceReached: s.audienceReached,
      });
      expect(figures(countyAfter)).toEqual(figures(countyBefore));
      expect(figures(dayAfter)).toEqual(figures(dayBefore));
      expect(sitesAfter.total).toEqual(sitesBefore.total);
      const mine = { activities: 1, personTimes: 1, serviceMinutes: 60, audienceReached: 3 };
      const diff = (x: ReturnType<typeof pick>, y: ReturnType<typeof pick>) => ({
        activities: x.activities - y.activities,
        personTimes: x.personTimes - y.personTimes,
        serviceMinutes: x.serviceMinutes - y.serviceMinutes,
        audienceReached: x.audienceReached - y.audienceReached,
      });
      expect(diff(pick(sitesAfter, station.id), pick(sitesBefore, station.id))).toEqual(mine);
      expect(diff(pick(sitesBefore, institute.id), pick(sitesAfter, institute.id))).toEqual(mine);
      // run again: nothing left to move
      expect(await moveOrderedActivitiesToStation(f.db.manager)).toBe(0);
    });
  });

  describe('names in every answer', () => {
    it('teams: siteName and townName', async () => {
      const r = await t
        .http()
        .get(api(`/teams/${ids().demoTeamId}`))
        .set(f.county);
      expect(r.body).toMatchObject({ siteId: institute.id, siteName: institute.name, townName: '永清镇' });
      const l = await t.http().get(api('/teams')).query({ siteId: institute.id, pageSize: 100 }).set(f.county);
      for (const team of l.body.items) expect(team).toMatchObject({ siteName: institute.name, townName: '永清镇' });
    });

    it('sites: regionName, parentName, townId, townName (also the public directory)', async () => {
      expect(station).toMatchObject({ parentId: institute.id, parentName: institute.name, townName: '永清镇' });
      expect(station.townId).toBeTruthy();
      expect(typeof (station as unknown as { regionName: string }).regionName).toBe('string');
      expect(institute).toMatchObject({ parentName: '清水县新时代文明实践中心', townId: station.townId, townName: '永清镇' });
      const [center] = (await t.http().get(api('/sites')).query({ level: 'center' }).set(f.county)).body.items;
      expect(center).toMatchObject({ parentId: null, parentName: null, townId: null, townName: null });
      const d = await t.http().get(api('/sites/directory')).query({ parentId: institute.id, pageSize: 100 });
      expect(d.status).toBe(200);
      const entry = d.body.items.find((s: { id: string }) => s.id === station.id);
      expect(entry).toMatchObject({ name: station.name, parentName: institute.name, townId: station.townId, townName: '永清镇' });
      expect(entry.contactPhone).toBeUndefined();
    });

    it('volunteers: siteName, townName and teams', async () => {
      const r = await t
        .http()
        .get(api(`/volunteers/${ids().memberVolunteerId}`))
        .set(f.county);
      expect(r.status).toBe(200);
      expect(r.body.siteName).toMatch(/新时代文明实践站$/);
      expect(r.body.townName).toBe('永清镇');
      expect(r.body.teams).toContainEqual({ id: ids().demoTeamId, name: '永清镇红马甲志愿服务队', role: 'member' });
      const l = await t.http().get(api('/volunteers')).query({ teamId: ids().demoTeamId, pageSize: 100 }).set(f.county);
      for (const v of l.body.items) expect(v.teams.map((x: { id: string }) => x.id)).toContain(ids().demoTeamId);
      const members = await t
        .http()
        .get(api(`/teams/${ids().demoTeamId}/members`))
        .query({ pageSize: 100 })
        .set(f.leader);
      const me = members.body.items.find((m: { volunteerId: string }) => m.volunteerId === ids().leaderVolunteerId);
      expect(me.volunteer).toMatchObject({ id: ids().leaderVolunteerId, name: leaderName, townName: '永清镇' });
      expect(me.volunteer.teams).toContainEqual({ id: ids().demoTeamId, name: '永清镇红马甲志愿服务队', role: 'leader' });
    });

    it('users, /me and login: siteName and volunteerName', async () => {
      const l = await t.http().get(api('/users')).query({ q: stationAdminPhone }).set(f.county);
      expect(l.status).toBe(200);
      expect(l.body.items).toHaveLength(1);
      expect(l.body.items[0]).toMatchObject({ id: stationAdminId, siteName: station.name, volunteerName: null });
      const vols = await t.http().get(api('/users')).query({ role: 'volunteer', pageSize: 20 }).set(f.county);
      expect(vols.body.items.length).toBeGreaterThan(0);
      for (const u of vols.body.items) expect(typeof u.volunteerName).toBe('string');
      const login = await t.http().post(api('/auth/login')).send({ phone: DEMO.site, password: 'Demo@2026' });
      expect(login.body.user).toMatchObject({ role: 'site_admin', siteName: '永清镇新时代文明实践所', volunteerName: null });
      const me = await t.http().get(api('/me')).set(f.leader);
      expect(me.body.user).toMatchObject({ volunteerName: leaderName, siteName: null });
      expect(me.body.teamsLed[0]).toMatchObject({ siteName: institute.name, townName: '永清镇' });
      const u = await t
        .http()
        .patch(api(`/users/${stationAdminId}`))
        .set(f.county)
        .send({ siteId: institute.id });
      expect(u.status).toBe(200);
      expect(u.body.siteName).toBe(institute.name);
      await t
        .http()
        .patch(api(`/users/${stationAdminId}`))
        .set(f.county)
        .send({ siteId: station.id });
      // a change of site ends the login's earlier sessions (issue 14): the station admin signs in again
      const again = await t.http().post(api('/auth/login')).send({ phone: stationAdminPhone, password: 'Staff@2026x' });
      expect(again.status).toBe(200);
      stationAdmin = bearer(again.body.accessToken);
    });

    it('audit entries: actorName (volunteer name, or role and site; null for the system)', async () => {
      const a = await atStation();
      await t
        .http()
        .patch(api(`/activities/${a.id}`))
        .set(stationAdmin)
        .send({ title: '站里改了名字' });
      await t
        .http()
        .patch(api(`/activities/${a.id}`))
        .set(f.county)
        .send({ title: '县里又改了名字' });
      const r = await t.http().get(api('/audit-log')).query({ entity: 'activity', entityId: a.id }).set(f.county);
      expect(r.status).toBe(200);
      const byAction = r.body.items.map((e: { action: string; actorName: string | null }) => [e.action, e.actorName]);
      expect(byAction).toEqual([
        ['activity.update', '县文明办管理员'],
        ['activity.update', `${station.name}管理员`],
        ['activity.create', leaderName],
      ]);
      // a change by the system (the order follows its activity): no actor
      const o = await f.orderIn('completed');
      const s = await t.http().get(api('/audit-log')).query({ entity: 'service_order', entityId: o.id }).set(f.county);
      const done = s.body.items.find((e: { action: string }) => e.action === 'service_order.complete');
      expect(done).toMatchObject({ actorUserId: null, actorName: null });
    });

    it("mySignup and /me/activities: the caller's status and place in the waitlist", async () => {
      const a = await atStation({ capacity: 1 });
      const v1 = await registerVolunteer(t, station.id, '第一位');
      const v2 = await registerVolunteer(t, station.id, '第二位');
      const v3 = await registerVolunteer(t, station.id, '第三位');
      for (const v of [v1, v2, v3])
        expect(
          (
            await t
              .http()
              .post(api(`/activities/${a.id}/signups`))
              .set(bearer(v.token))
              .send({})
          ).status,
        ).toBe(201);
      const mine = async (v: { token: string }) =>
        (
          await t
            .http()
            .get(api(`/activities/${a.id}`))
            .set(bearer(v.token))
        ).body.mySignup;
      expect(await mine(v1)).toEqual({ status: 'confirmed', waitlistPosition: null });
      expect(await mine(v2)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
      expect(await mine(v3)).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
      const day = new Date(Date.parse(a.startsAt) + 8 * H).toISOString().slice(0, 10);
      const list = await t.http().get(api('/activities')).query({ from: day, to: day, siteId: station.id, pageSize: 100 }).set(bearer(v3.token));
      const inList = list.body.items.find((x: { id: string }) => x.id === a.id);
      expect(inList).toMatchObject({ confirmedCount: 1, waitlistedCount: 2, mySignup: { status: 'waitlisted', waitlistPosition: 2 } });
      expect(list.body.items.filter((x: { id: string }) => x.id !== a.id).every((x: { mySignup: unknown }) => x.mySignup === null)).toBe(true);
      const me = await t.http().get(api('/me/activities')).set(bearer(v3.token));
      expect(me.body.items).toHaveLength(1);
      expect(me.body.items[0]).toMatchObject({
        id: a.id,
        signupStatus: 'waitlisted',
        waitlistPosition: 2,
        siteName: station.name,
        address: '东关广场',
        teamName: '永清镇红马甲志愿服务队',
      });
      // the first one cancels: the second is promoted, the third moves up
      expect(
        (
          await t
            .http()
            .delete(api(`/activities/${a.id}/signups/${v1.volunteerId}`))
            .set(bearer(v1.token))
        ).status,
      ).toBe(200);
      expect(await mine(v2)).toEqual({ status: 'confirmed', waitlistPosition: null });
      expect(await mine(v3)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
      // staff and leaders without a sign-up: null
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}`))
            .set(f.county)
        ).body.mySignup,
      ).toBeNull();
    });
  });

  describe('lists a leader counts: one page holds the whole activity', () => {
    it('150 sign-ups and 150 attendance rows in one page (pageSize up to 1000 there, 100 elsewhere)', async () => {
      const start = Date.now() - 3 * H;
      const a = await atStation({ capacity: 200, startsAt: iso(start), endsAt: iso(start + 2 * H) });
      const vols: string[] = [];
      const tag = randomBytes(3).toString('hex');
      const params: unknown[] = [];
      const rows: string[] = [];
      for (let i = 0; i < 150; i++) {
        const id = randomUUID();
        vols.push(id);
        params.push(id, `百五${tag}${i}`, station.id);
        rows.push(`($${params.length - 2}, $${params.length - 1}, $${params.length})`);
      }
      await f.db.query(`INSERT INTO volunteers (id, name, site_id) VALUES ${rows.join(',')}`, params);
      await f.db.query(`INSERT INTO signups (activity_id, volunteer_id, status) SELECT $1, unnest($2::uuid[]), 'confirmed'`, [a.id, vols]);
      await f.db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method, status) SELECT $1, unnest($2::uuid[]), $3, 'manual', 'pending'`, [
        a.id,
        vols,
        new Date(start),
      ]);
      const s = await t
        .http()
        .get(api(`/activities/${a.id}/signups`))
        .query({ pageSize: 200 })
        .set(f.leader);
      expect(s.status).toBe(200);
      expect(s.body).toMatchObject({ total: 150, page: 1, pageSize: 200 });
      expect(s.body.items).toHaveLength(150);
      expect(new Set(s.body.items.map((x: { volunteerId: string }) => x.volunteerId))).toEqual(new Set(vols));
      const att = await t
        .http()
        .get(api(`/activities/${a.id}/attendance`))
        .query({ pageSize: 1000 })
        .set(stationAdmin);
      expect(att.status).toBe(200);
      expect(att.body.total).toBe(150);
      expect(att.body.items).toHaveLength(150);
      // the second page of 100 holds the rest
      const p2 = await t
        .http()
        .get(api(`/activities/${a.id}/attendance`))
        .query({ pageSize: 100, page: 2 })
        .set(f.leader);
      expect(p2.body.items).toHaveLength(50);
      // the limits: 1000 there, 100 elsewhere
      const over = await t
        .http()
        .get(api(`/activities/${a.id}/signups`))
        .query({ pageSize: 1001 })
        .set(f.leader);
      expect(over.status).toBe(400);
      expect(over.body.details[0].field).toBe('pageSize');
      expect(
        (
          await t
            .http()
            .get(api(`/activities/${a.id}/attendance`))
            .query({ pageSize: 1001 })
            .set(f.leader)
        ).status,
      ).toBe(400);
      expect((await t.http().get(api('/activities')).query({ pageSize: 101 }).set(f.leader)).status).toBe(400);
      const counted = await t
        .http()
        .get(api(`/activities/${a.id}`))
        .set(f.leader);
      expect(counted.body.confirmedCount).toBe(150);
      // the activity's check-in secret never leaks into an answer
      const [{ checkin_secret }] = await f.db.query(`SELECT checkin_secret FROM activities WHERE id = $1`, [a.id]);
      expect(JSON.stringify(counted.body)).not.toContain(checkin_secret);
    });
  });
});
