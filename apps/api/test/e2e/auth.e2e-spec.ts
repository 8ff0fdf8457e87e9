import { createTestApp, DEMO, DEMO_PASSWORD, bearer, demoIds, uniquePhone, type TestApp } from '../setup/test-app';

describe('auth: login, register, me', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
  });
  afterAll(() => t.close());

  it('logs in each demo login and /me tells who it is', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ phone: DEMO.county, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: expect.any(Number), user: { phone: DEMO.county, role: 'county_admin' } });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/v1/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('county_admin');

    const leader = await t
      .http()
      .get('/api/v1/me')
      .set(bearer(await t.token(DEMO.leader)));
    expect(leader.body.user.role).toBe('volunteer');
    expect(leader.body.teamsLed.map((x: { name: string }) => x.name)).toContain('永清镇红马甲志愿服务队');
    const member = await t
      .http()
      .get('/api/v1/me')
      .set(bearer(await t.token(DEMO.member)));
    expect(member.body.teamsLed).toEqual([]);
    expect(member.body.teams.map((x: { id: string }) => x.id)).toContain(ids.demoTeamId);
    const site = await t
      .http()
      .get('/api/v1/me')
      .set(bearer(await t.token(DEMO.site)));
    expect(site.body.user).toMatchObject({ role: 'site_admin', siteId: ids.yongqingInstituteId });
  });

  it('wrong password and unknown phone: the same 401', async () => {
    const a = await t.http().post('/api/v1/auth/login').send({ phone: DEMO.county, password: 'wrong-password' });
    const b = await t.http().post('/api/v1/auth/login').send({ phone: '16600000000', password: 'wrong-password' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('login validation: phone must be an 11-digit mobile', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ phone: '12345', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'phone']);
  });

  it('/me without a login is 401', async () => {
    const res = await t.http().get('/api/v1/me');
    expect(res.status).toBe(401);
  });

  it('a volunteer registers, is logged in at once, and has a volunteer record at the chosen station', async () => {
    const phone = uniquePhone();
    const res = await t.http().post('/api/v1/auth/register').send({ name: '赵小兰', phone, password: 'Passw0rd!', siteId: ids.yongqingStationId });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ phone, role: 'volunteer' });
    const me = await t.http().get('/api/v1/me').set(bearer(res.body.accessToken));
    expect(me.body.volunteer).toMatchObject({ name: '赵小兰', phone, siteId: ids.yongqingStationId, hasLogin: true });
    expect(me.body.volunteer.volunteerNumber).toMatch(/^QS\d{8}$/);
    // can log in with the password
    const login = await t.http().post('/api/v1/auth/login').send({ phone, password: 'Passw0rd!' });
    expect(login.status).toBe(200);
  });

  it('registering a phone twice is 409 and creates nothing', async () => {
    const phone = uniquePhone();
    const first = await t.http().post('/api/v1/auth/register').send({ name: '甲', phone, password: 'Passw0rd!', siteId: ids.yongqingStationId });
    expect(first.status).toBe(201);
    const again = await t.http().post('/api/v1/auth/register').send({ name: '乙', phone, password: 'Passw0rd!', siteId: ids.yongqingStationId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PHONE_TAKEN');
    const admin = await t.token(DEMO.county);
    const list = await t.http().get('/api/v1/volunteers').query({ q: phone }).set(bearer(admin));
    expect(list.body.total).toBe(1);
  });

  it('register validation: unknown site, short password, extra fields', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ name: '丙', phone: uniquePhone(), password: 'short', siteId: ids.yongqingStationId, role: 'county_admin' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'role']);
    const noSite = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ name: '丙', phone: uniquePhone(), password: 'Passw0rd!', siteId: '00000000-0000-4000-8000-000000000000' });
    expect(noSite.status).toBe(400);
    expect(noSite.body.details[0].field).toBe('siteId');
  });
});

describe('auth: rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('register is limited: 429 after 10 tries a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.http().post('/api/v1/auth/register').send({ name: 'x', phone: 'bad' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const last = await t.http().post('/api/v1/auth/register').send({});
    expect(last.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });
});
