import { createTestApp, DEMO, bearer, demoIds, uniquePhone, type TestApp } from '../setup/test-app';

describe('users (staff logins) and audit log', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await demoIds(t);
    admin = bearer(await t.token(DEMO.county));
  });
  afterAll(() => t.close());

  it('county admin creates a site admin who then logs in and sees only that subtree', async () => {
    const phone = uniquePhone();
    const res = await t.http().post('/api/v1/users').set(admin).send({ phone, password: 'Staff@2026x', role: 'site_admin', siteId: ids.otherInstituteId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone, role: 'site_admin', siteId: ids.otherInstituteId });
    const token = await t.token(phone, 'Staff@2026x');
    const sites = await t.http().get('/api/v1/sites').query({ pageSize: 100 }).set(bearer(token));
    expect(sites.status).toBe(200);
    expect(sites.body.items.map((s: { id: string }) => s.id)).toContain(ids.otherInstituteId);
    expect(sites.body.items.map((s: { id: string }) => s.id)).not.toContain(ids.yongqingInstituteId);
    const list = await t.http().get('/api/v1/users').query({ pageSize: 100, q: phone }).set(admin);
    expect(list.body.items.map((u: { phone: string }) => u.phone)).toContain(phone);
  });

  it('validation: a site admin needs a site; volunteers cannot be made here', async () => {
    const a = await t.http().post('/api/v1/users').set(admin).send({ phone: uniquePhone(), password: 'Staff@2026x', role: 'site_admin' });
    expect(a.status).toBe(400);
    expect(a.body.details[0].field).toBe('siteId');
    const b = await t.http().post('/api/v1/users').set(admin).send({ phone: uniquePhone(), password: 'Staff@2026x', role: 'volunteer' });
    expect(b.status).toBe(400);
    expect(b.body.details[0].field).toBe('role');
  });

  it('401 without login; 403 for a site admin and a volunteer', async () => {
    expect((await t.http().get('/api/v1/users')).status).toBe(401);
    const site = await t
      .http()
      .get('/api/v1/users')
      .set(bearer(await t.token(DEMO.site)));
    expect(site.status).toBe(403);
    const vol = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(await t.token(DEMO.member)))
      .send({ phone: uniquePhone(), password: 'Staff@2026x', role: 'county_admin' });
    expect(vol.status).toBe(403);
  });

  it('a taken phone is 409', async () => {
    const res = await t.http().post('/api/v1/users').set(admin).send({ phone: DEMO.site, password: 'Staff@2026x', role: 'county_admin' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PHONE_TAKEN');
  });

  it('a role change is audited with before and after, and readable by the county admin only', async () => {
    const phone = uniquePhone();
    const created = await t.http().post('/api/v1/users').set(admin).send({ phone, password: 'Staff@2026x', role: 'site_admin', siteId: ids.yongqingStationId });
    const patched = await t.http().patch(`/api/v1/users/${created.body.id}`).set(admin).send({ role: 'county_admin', siteId: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ role: 'county_admin', siteId: null });
    const log = await t.http().get('/api/v1/audit-log').query({ entity: 'user', entityId: created.body.id }).set(admin);
    expect(log.status).toBe(200);
    const roleEntry = log.body.items.find((e: { action: string }) => e.action === 'user.role');
    expect(roleEntry).toMatchObject({ before: { role: 'site_admin', siteId: ids.yongqingStationId }, after: { role: 'county_admin', siteId: null } });
    expect(typeof roleEntry.actorUserId).toBe('string');
    expect(
      (
        await t
          .http()
          .get('/api/v1/audit-log')
          .set(bearer(await t.token(DEMO.site)))
      ).status,
    ).toBe(403);
  });

  it('patch: missing user 404, bad body 400, and a county admin cannot demote themself', async () => {
    const missing = await t.http().patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(admin).send({ role: 'county_admin' });
    expect(missing.status).toBe(404);
    const bad = await t.http().patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(admin).send({ role: 'king' });
    expect(bad.status).toBe(400);
    const me = await t.http().get('/api/v1/me').set(admin);
    const self = await t.http().patch(`/api/v1/users/${me.body.user.id}`).set(admin).send({ role: 'site_admin', siteId: ids.yongqingInstituteId });
    expect(self.status).toBe(409);
  });
});
