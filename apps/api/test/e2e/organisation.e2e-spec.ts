import { createTestApp, DEMO, bearer, demoIds, registerVolunteer, uniquePhone, type TestApp } from '../setup/test-app';

describe('regions and sites', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let siteAdmin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
    admin = bearer(await t.token(DEMO.county));
    siteAdmin = bearer(await t.token(DEMO.site));
  });
  afterAll(() => t.close());

  it('regions: 18 towns under the county; villages under a town; 401 without login; 400 on a bad level', async () => {
    const county = await t.http().get('/api/v1/regions').query({ level: 'county' }).set(admin);
    expect(county.body).toHaveLength(1);
    const towns = await t
      .http()
      .get('/api/v1/regions')
      .query({ parentId: county.body[0].id })
      .set(bearer(await t.token(DEMO.member)));
    expect(towns.status).toBe(200);
    expect(towns.body.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['永清镇', '草川铺镇', '新城乡']));
    expect(towns.body).toHaveLength(18);
    expect((await t.http().get('/api/v1/regions')).status).toBe(401);
    expect((await t.http().get('/api/v1/regions').query({ level: 'city' }).set(admin)).status).toBe(400);
  });

  it('site admin lists only its subtree; filters and q work', async () => {
    const res = await t.http().get('/api/v1/sites').query({ pageSize: 100 }).set(siteAdmin);
    expect(res.status).toBe(200);
    expect(res.body.items.every((s: { id: string; parentId: string }) => s.id === ids.yongqingInstituteId || s.parentId === ids.yongqingInstituteId)).toBe(true);
    const q = await t.http().get('/api/v1/sites').query({ q: '东关' }).set(admin);
    expect(q.body.items.map((s: { name: string }) => s.name)).toContain('东关社区新时代文明实践站');
    // a town's name finds the town's sites (its institute and its stations), and nothing of another town
    const town = await t.http().get('/api/v1/sites').query({ q: '永清镇', pageSize: 100 }).set(admin);
    expect(town.status).toBe(200);
    expect(town.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([ids.yongqingInstituteId, ids.yongqingStationId]));
    const unrelated = town.body.items.filter(
      (s: { townName: string | null; name: string; address: string }) => s.townName !== '永清镇' && !`${s.name}${s.address}`.includes('永清镇'),
    );
    expect(unrelated).toEqual([]);
    const page = await t.http().get('/api/v1/sites').query({ level: 'station', page: 2, pageSize: 50 }).set(admin);
    expect(page.body).toMatchObject({ page: 2, pageSize: 50 });
    expect(page.body.items).toHaveLength(50);
  });

  it('public directory needs no login and shows no contacts', async () => {
    const res = await t.http().get('/api/v1/sites/directory').query({ level: 'station', q: '东关' });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).not.toHaveProperty('contactPhone');
    const town = await t.http().get('/api/v1/sites/directory').query({ level: 'station', q: '永清镇', pageSize: 100 });
    expect(town.body.items.map((s: { id: string }) => s.id)).toContain(ids.yongqingStationId);
  });

  it('site admin creates a station under its institute (201), not under another (403)', async () => {
    const inst = await t.http().get(`/api/v1/sites/${ids.yongqingInstituteId}`).set(siteAdmin);
    const ok = await t
      .http()
      .post('/api/v1/sites')
      .set(siteAdmin)
      .send({ name: '测试新时代文明实践站', level: 'station', regionId: inst.body.regionId, parentId: ids.yongqingInstituteId });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ level: 'station', parentId: ids.yongqingInstituteId });
    const no = await t
      .http()
      .post('/api/v1/sites')
      .set(siteAdmin)
      .send({ name: '越权站', level: 'station', regionId: inst.body.regionId, parentId: ids.otherInstituteId });
    expect(no.status).toBe(403);
    const read = await t.http().get(`/api/v1/sites/${ids.otherInstituteId}`).set(siteAdmin);
    expect(read.status).toBe(403);
    // a volunteer is not an admin
    expect(
      (
        await t
          .http()
          .get('/api/v1/sites')
          .set(bearer(await t.token(DEMO.member)))
      ).status,
    ).toBe(403);
    // patch and delete the new one
    const patched = await t.http().patch(`/api/v1/sites/${ok.body.id}`).set(siteAdmin).send({ contactName: '周站长', contactPhone: '0938-5550000' });
    expect(patched.body.contactName).toBe('周站长');
    expect((await t.http().delete(`/api/v1/sites/${ok.body.id}`).set(siteAdmin)).status).toBe(204);
    expect((await t.http().get(`/api/v1/sites/${ok.body.id}`).set(siteAdmin)).status).toBe(404);
  });

  it('rules: a station must hang under an institute; a second center is 409; a site with teams cannot be deleted', async () => {
    const inst = await t.http().get(`/api/v1/sites/${ids.yongqingInstituteId}`).set(admin);
    const wrong = await t.http().post('/api/v1/sites').set(admin).send({ name: '错层级', level: 'station', regionId: inst.body.regionId, parentId: inst.body.parentId });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('parentId');
    const center = await t.http().post('/api/v1/sites').set(admin).send({ name: '第二中心', level: 'center', regionId: inst.body.regionId });
    expect(center.status).toBe(409);
    const del = await t.http().delete(`/api/v1/sites/${ids.yongqingInstituteId}`).set(admin);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('SITE_HAS_CHILDREN');
  });
});

describe('teams and members', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let siteAdmin: Record<string, string>;
  let leader: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
    admin = bearer(await t.token(DEMO.county));
    siteAdmin = bearer(await t.token(DEMO.site));
    leader = bearer(await t.token(DEMO.leader));
  });
  afterAll(() => t.close());

  it('site admin creates a team in scope and reads it back with its member count', async () => {
    const res = await t.http().post('/api/v1/teams').set(siteAdmin).send({ name: '东关社区红领巾志愿服务二队', type: 'red_scarf', siteId: ids.yongqingStationId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'red_scarf', archived: false, memberCount: 0 });
    const got = await t.http().get(`/api/v1/teams/${res.body.id}`).set(siteAdmin);
    expect(got.body.name).toBe('东关社区红领巾志愿服务二队');
    const list = await t.http().get('/api/v1/teams').query({ type: 'red_scarf', siteId: ids.yongqingStationId }).set(admin);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(res.body.id);
  });

  it('validation, 401, 403 out of scope', async () => {
    expect((await t.http().post('/api/v1/teams').set(admin).send({ name: '', type: 'red_scarf', siteId: ids.yongqingStationId })).status).toBe(400);
    expect((await t.http().post('/api/v1/teams').send({ name: 'x', type: 'red_scarf', siteId: ids.yongqingStationId })).status).toBe(401);
    const out = await t.http().post('/api/v1/teams').set(siteAdmin).send({ name: '越权队', type: 'youth', siteId: ids.otherStationId });
    expect(out.status).toBe(403);
    expect((await t.http().get(`/api/v1/teams/${ids.otherTeamId}`).set(leader)).status).toBe(403);
    expect((await t.http().post('/api/v1/teams').set(leader).send({ name: 'x', type: 'youth', siteId: ids.yongqingStationId })).status).toBe(403);
  });

  it('a leader sees own team members, adds a member and a login-less pupil, but not to another team', async () => {
    const members = await t.http().get(`/api/v1/teams/${ids.demoTeamId}/members`).query({ pageSize: 100 }).set(leader);
    expect(members.status).toBe(200);
    expect(members.body.items[0]).toMatchObject({ role: 'leader', volunteerId: ids.leaderVolunteerId });
    const before = members.body.total;

    const v = await registerVolunteer(t, ids.yongqingStationId, '新队员');
    const add = await t.http().post(`/api/v1/teams/${ids.demoTeamId}/members`).set(leader).send({ volunteerId: v.volunteerId });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ role: 'member', volunteer: { name: '新队员', hasLogin: true } });
    const dup = await t.http().post(`/api/v1/teams/${ids.demoTeamId}/members`).set(leader).send({ volunteerId: v.volunteerId });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ALREADY_MEMBER');

    const pupil = await t
      .http()
      .post('/api/v1/volunteers')
      .set(leader)
      .send({ name: '小明', gender: 'male', birthDate: '2015-04-01', politicalStatus: 'young_pioneer', teamId: ids.demoTeamId });
    expect(pupil.status).toBe(201);
    expect(pupil.body).toMatchObject({ name: '小明', phone: null, hasLogin: false });
    const after = await t.http().get(`/api/v1/teams/${ids.demoTeamId}/members`).query({ pageSize: 1 }).set(leader);
    expect(after.body.total).toBe(before + 2);

    const elsewhere = await t.http().post(`/api/v1/teams/${ids.otherTeamId}/members`).set(leader).send({ volunteerId: v.volunteerId });
    expect(elsewhere.status).toBe(403);
    const promote = await t.http().post(`/api/v1/teams/${ids.demoTeamId}/members`).set(leader).send({ volunteerId: pupil.body.id, role: 'leader' });
    expect(promote.status).toBe(403);

    const removed = await t.http().delete(`/api/v1/teams/${ids.demoTeamId}/members/${v.volunteerId}`).set(leader);
    expect(removed.status).toBe(204);
    expect((await t.http().delete(`/api/v1/teams/${ids.demoTeamId}/members/${v.volunteerId}`).set(leader)).status).toBe(404);
    const audit = await t
      .http()
      .get('/api/v1/audit-log')
      .query({ entity: 'team_membership', entityId: `${ids.demoTeamId}:${v.volunteerId}` })
      .set(admin);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['membership.add', 'membership.remove']);
  });

  it('a leader edits the team description but not its type; an admin archives it', async () => {
    const res = await t.http().patch(`/api/v1/teams/${ids.demoTeamId}`).set(leader).send({ description: '每周五清扫东关街道' });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('每周五清扫东关街道');
    expect((await t.http().patch(`/api/v1/teams/${ids.demoTeamId}`).set(leader).send({ type: 'youth' })).status).toBe(403);
    const created = await t.http().post('/api/v1/teams').set(admin).send({ name: '临时队', type: 'other', siteId: ids.yongqingStationId });
    const archived = await t.http().patch(`/api/v1/teams/${created.body.id}`).set(admin).send({ archived: true });
    expect(archived.body.archived).toBe(true);
    const list = await t.http().get('/api/v1/teams').query({ siteId: ids.yongqingStationId, pageSize: 100 }).set(admin);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(created.body.id);
  });
});

describe('volunteers', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let siteAdmin: Record<string, string>;
  let leader: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
    admin = bearer(await t.token(DEMO.county));
    siteAdmin = bearer(await t.token(DEMO.site));
    leader = bearer(await t.token(DEMO.leader));
  });
  afterAll(() => t.close());

  it('admin registers a volunteer; the ID number is stored protected and shown masked', async () => {
    const phone = uniquePhone();
    const res = await t
      .http()
      .post('/api/v1/volunteers')
      .set(siteAdmin)
      .send({ name: '马玉梅', phone, gender: 'female', siteId: ids.yongqingStationId, idNumber: '62052119900307123X', skills: ['义诊'] });
    expect(res.status).toBe(201);
    expect(res.body.idNumber).toBe('6205**********123X');
    const db = t.app.get((await import('typeorm')).DataSource);
    const [row] = await db.query(`SELECT id_number_enc, id_number_hash FROM volunteers WHERE id = $1`, [res.body.id]);
    expect(row.id_number_enc).not.toContain('62052119900307123X');
    expect(row.id_number_hash).toHaveLength(64);
    const dupId = await t.http().post('/api/v1/volunteers').set(admin).send({ name: '另一人', siteId: ids.yongqingStationId, idNumber: '62052119900307123x' });
    expect(dupId.status).toBe(409);
    expect(dupId.body.code).toBe('ID_NUMBER_TAKEN');
    const dupPhone = await t.http().post('/api/v1/volunteers').set(admin).send({ name: '另一人', phone, siteId: ids.yongqingStationId });
    expect(dupPhone.status).toBe(409);
    expect(dupPhone.body.code).toBe('PHONE_TAKEN');
  });

  it('validation: phone, id number, date and unknown fields', async () => {
    const res = await t
      .http()
      .post('/api/v1/volunteers')
      .set(admin)
      .send({ name: '错', phone: '1234', idNumber: '12', birthDate: '2020-13-40', siteId: ids.yongqingStationId, nickname: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['birthDate', 'idNumber', 'nickname', 'phone']);
  });

  it('scope: site admin cannot add to another town; leader must name a team they lead; volunteers cannot list', async () => {
    expect((await t.http().post('/api/v1/volunteers').set(siteAdmin).send({ name: '越权', siteId: ids.otherStationId })).status).toBe(403);
    expect((await t.http().post('/api/v1/volunteers').set(leader).send({ name: '无队', siteId: ids.yongqingStationId })).status).toBe(403);
    expect((await t.http().post('/api/v1/volunteers').set(leader).send({ name: '他队', teamId: ids.otherTeamId })).status).toBe(403);
    expect(
      (
        await t
          .http()
          .get('/api/v1/volunteers')
          .set(bearer(await t.token(DEMO.member)))
      ).status,
    ).toBe(403);
    expect((await t.http().get('/api/v1/volunteers')).status).toBe(401);
  });

  it('list: leader sees own team members; filters by team and q', async () => {
    const res = await t.http().get('/api/v1/volunteers').query({ teamId: ids.demoTeamId, pageSize: 100 }).set(leader);
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining([ids.leaderVolunteerId, ids.memberVolunteerId]));
    const q = await t.http().get('/api/v1/volunteers').query({ q: DEMO.member }).set(admin);
    expect(q.body.items).toHaveLength(1);
    expect(q.body.items[0].hasLogin).toBe(true);
    expect((await t.http().get('/api/v1/volunteers').query({ teamId: ids.otherTeamId }).set(leader)).status).toBe(403);
  });

  it('read and edit: self and admins in scope; a stranger gets 403', async () => {
    const member = bearer(await t.token(DEMO.member));
    expect((await t.http().get(`/api/v1/volunteers/${ids.memberVolunteerId}`).set(member)).status).toBe(200);
    expect((await t.http().get(`/api/v1/volunteers/${ids.memberVolunteerId}`).set(leader)).status).toBe(200);
    expect((await t.http().get(`/api/v1/volunteers/${ids.leaderVolunteerId}`).set(siteAdmin)).status).toBe(200);
    const stranger = await registerVolunteer(t, ids.otherStationId);
    expect((await t.http().get(`/api/v1/volunteers/${ids.memberVolunteerId}`).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().patch(`/api/v1/volunteers/${ids.memberVolunteerId}`).set(bearer(stranger.token)).send({ name: 'x' })).status).toBe(403);
    const self = await t
      .http()
      .patch(`/api/v1/volunteers/${stranger.volunteerId}`)
      .set(bearer(stranger.token))
      .send({ skills: ['摄影'], gender: 'male' });
    expect(self.status).toBe(200);
    expect(self.body.skills).toEqual(['摄影']);
    expect((await t.http().get('/api/v1/volunteers/00000000-0000-4000-8000-000000000000').set(admin)).status).toBe(404);
  });
});
