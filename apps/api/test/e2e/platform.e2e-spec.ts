import { createTestApp, DEMO, bearer, type TestApp } from '../setup/test-app';

describe('platform: health, OpenAPI, error shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health answers ok with the database up, without a login', async () => {
    const res = await t.http().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('serves OpenAPI JSON that documents every contract path', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/auth/register',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/regions',
      '/api/v1/sites',
      '/api/v1/sites/{id}',
      '/api/v1/teams',
      '/api/v1/teams/{id}',
      '/api/v1/teams/{id}/members',
      '/api/v1/teams/{id}/members/{volunteerId}',
      '/api/v1/volunteers',
      '/api/v1/volunteers/{id}',
      '/api/v1/audit-log',
      '/api/v1/health',
    ]) {
      expect(paths).toContain(p);
    }
    expect(res.body.components.schemas.CreateTeamDto.properties.type.enum).toContain('red_scarf');
  });

  it('unknown route: 404 in the error shape', async () => {
    const res = await t.http().get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(typeof res.body.message).toBe('string');
  });

  it('malformed JSON: 400, not 500', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"phone":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });

  it('malformed ids, enums and unknown fields: 400 with one detail per field', async () => {
    const token = await t.token(DEMO.county);
    const bad = await t.http().get('/api/v1/teams/not-a-uuid').set(bearer(token));
    expect(bad.status).toBe(400);
    const res = await t.http().get('/api/v1/sites').query({ level: 'galaxy', page: 0, extra: 1 }).set(bearer(token));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['extra', 'level', 'page']);
  });

  it('pageSize above 100 is refused', async () => {
    const token = await t.token(DEMO.county);
    const res = await t.http().get('/api/v1/sites').query({ pageSize: 101 }).set(bearer(token));
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('pageSize');
  });

  it('an invalid or forged token is 401', async () => {
    const res = await t.http().get('/api/v1/me').set(bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad'));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
