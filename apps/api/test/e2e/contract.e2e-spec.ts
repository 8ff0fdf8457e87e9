/**
 * The contract test: every operation of /api/docs-json gets a real happy-path request (for each role that may call
 * it) on the seeded test database, and every answer is validated against the schema the document gives for the
 * returned status (ajv). An undocumented field, a missing required one, a wrong type, an undocumented status or a
 * file in an undocumented content type fails. At the end, every operation of the document must have been answered
 * with a 2xx. See docs/api/contract.md.
 */
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { addDays, shanghaiDate } from '@wenming/shared';
import { insertActivity } from '../setup/factories';
import { VerificationService } from '../../src/modules/auth/verification.service';
import type { VerificationCodeSender } from '../../src/modules/auth/verification-code-sender';
import { type Method, type OpenApiDoc, OpenApiValidator, type Schema } from '../setup/openapi-validator';
import { bearer, createTestApp, DEMO, demoIds, uniquePhone, type TestApp } from '../setup/test-app';

const PREFIX = '/api/v1';
const MIN = 60_000;
const ZERO_ID = '00000000-0000-4000-8000-000000000000';

type Role = 'county' | 'site' | 'leader' | 'volunteer' | 'anonymous' | string;

const binaryParser = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('contract: real answers of every operation match /api/docs-json', () => {
  let t: TestApp;
  let db: DataSource;
  let doc: OpenApiDoc;
  let oas: OpenApiValidator;
  const tokens = new Map<Role, string>();
  /** `METHOD /path` → roles that got a 2xx */
  const exercised = new Map<string, Set<Role>>();
  const failures: string[] = [];
  let ids: Awaited<ReturnType<typeof demoIds>>;

  const validatorFor = (schema: Schema) => oas.validator(schema);

  interface Call {
    as: Role;
    path: string; // as in the document, e.g. /activities/{id}
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    attach?: { field: string; file: Buffer; name: string };
    /** the status this call must answer (default: any 2xx) */
    status?: number;
  }

  /** Sends a request, checks its status is documented and its body matches the documented schema. */
  async function call(method: Method, c: Call): Promise<Response> {
    const key = `${method.toUpperCase()} ${c.path}`;
    const op = doc.paths[PREFIX + c.path]?.[method];
    if (!op) throw new Error(`${key} is not in /api/docs-json`);
    const url = PREFIX + c.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(c.params?.[p] ?? `{${p}}`));
    const fileAnswer = Object.values(op.responses).some((r) => r.content && !r.content['application/json']);
    let req = t.http()[method](url);
    if (c.as !== 'anonymous') {
      const tok = tokens.get(c.as);
      if (!tok) throw new Error(`no token for role ${c.as}`);
      req = req.set(bearer(tok));
    }
    if (c.query) req = req.query(c.query);
    if (fileAnswer) req = req.buffer(true).parse(binaryParser as never);
    if (c.attach) req = req.attach(c.attach.field, c.attach.file, c.attach.name);
    else if (c.body !== undefined) req = req.send(c.body as object);
    const res = await req;
    const where = `${key} as ${c.as} → ${res.status}`;
    const ok = c.status !== undefined ? res.status === c.status : res.status >= 200 && res.status < 300;
    if (!ok) {
      const body = Buffer.isBuffer(res.body) ? `<${res.body.length} bytes>` : JSON.stringify(res.body);
      throw new Error(`${where}, expected ${c.status ?? '2xx'}: ${body}`);
    }
    const raw = Buffer.isBuffer(res.body) ? res.body : undefined;
    const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
    // file operations are read as bytes; their error answers are JSON all the same
    const body = raw && isJson ? JSON.parse(raw.toString('utf8')) : res.body;
    const hasBody = raw ? raw.length > 0 : (res.text ?? '').length > 0;
    for (const problem of oas.check(op, res.status, res.headers['content-type'], body, hasBody)) failures.push(`${where}: ${problem}`);
    if (res.status >= 200 && res.status < 300) {
      if (!exercised.has(key)) exercised.set(key, new Set());
      exercised.get(key)!.add(c.as);
    }
    return res;
  }
  const get = (c: Call) => call('get', c);
  const post = (c: Call) => call('post', c);
  const patch = (c: Call) => call('patch', c);
  const del = (c: Call) => call('delete', c);
  /** the same GET for several roles */
  const getAs = async (roles: Role[], c: Omit<Call, 'as'>) => {
    const out: Response[] = [];
    for (const as of roles) out.push(await get({ ...c, as }));
    return out;
  };
  const flush = () => expect(failures.splice(0)).toEqual([]);

  // fixtures created along the way
  const fx: Record<string, string> = {};
  const future = (days: number, hour: number) => {
    const d = new Date(`${addDays(shanghaiDate(new Date()), days)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
    return { startsAt: d.toISOString(), endsAt: new Date(d.getTime() + 2 * 3600_000).toISOString() };
  };
  const register = async (role: Role, name: string, siteId = ids.yongqingStationId) => {
    const r = await post({ as: 'anonymous', path: '/auth/register', body: { name, phone: uniquePhone(), password: 'Passw0rd!', siteId }, status: 201 });
    tokens.set(role, r.body.accessToken);
    return r.body.user.volunteerId as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    oas = new OpenApiValidator(doc);
    ids = await demoIds(t);
    tokens.set('county', await t.token(DEMO.county));
    tokens.set('site', await t.token(DEMO.site));
    tokens.set('leader', await t.token(DEMO.leader));
    tokens.set('volunteer', await t.token(DEMO.member));
  });
  afterAll(() => t?.close());

  it('the document describes a 2xx answer of every operation, and errors as ApiErrorBody', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op!.responses);
        const twoXX = statuses.filter((s) => /^2/.test(s));
        if (!twoXX.length) problems.push(`${method.toUpperCase()} ${path}: no 2xx answer`);
        for (const s of twoXX) {
          if (s !== '204' && !op!.responses[s].content) problems.push(`${method.toUpperCase()} ${path}: ${s} has no schema`);
        }
        for (const s of statuses.filter((x) => /^4/.test(x))) {
          const schema = op!.responses[s].content?.['application/json']?.schema as { $ref?: string; oneOf?: Array<{ $ref?: string }> } | undefined;
          const refs = schema?.oneOf ? schema.oneOf.map((x) => x.$ref) : [schema?.$ref];
          if (!refs.includes('#/components/schemas/ApiErrorBody')) problems.push(`${method.toUpperCase()} ${path}: ${s} is not ApiErrorBody`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
    expect(doc.components.schemas.ApiErrorBody).toBeDefined();
    // enums are enum lists, response objects are closed
    expect(doc.components.schemas.ActivityKind).toEqual({ type: 'string', enum: ['service_day', 'menu_service', 'themed', 'lecture'] });
    expect(doc.components.schemas.ActivityDto.additionalProperties).toBe(false);
  });

  it('the Swagger UI at /api/docs is served', async () => {
    const ui = await t.http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('a wrong type, a missing required field or an undocumented field fails validation (the validator can fail)', () => {
    const op = doc.paths[`${PREFIX}/health`]!.get!;
    const validate = validatorFor(op.responses['200'].content!['application/json'].schema);
    expect(validate({ status: 'ok', db: 'up' })).toBe(true);
    expect(validate({ status: 'ok' })).toBe(false);
    expect(validate({ status: 'ok', db: 'up', extra: 1 })).toBe(false);
    expect(validate({ status: 'fine', db: 'up' })).toBe(false);
    const activity = validatorFor({ $ref: '#/components/schemas/ActivityDto' });
    expect(activity({ id: 'x' })).toBe(false);
    const nullable = validatorFor({ $ref: '#/components/schemas/MeResponse' });
    expect(nullable({ user: null, volunteer: null, teamsLed: [], teams: [] })).toBe(false);
  });

  it('public answers: health, directory, menu, login, registration, resident orders', async () => {
    await get({ as: 'anonymous', path: '/health', status: 200 });
    await get({ as: 'anonymous', path: '/health/live', status: 200 });
    await get({ as: 'anonymous', path: '/health/ready', status: 200 });
    await getAs(['anonymous', 'volunteer'], { path: '/sites/directory', query: { level: 'station', pageSize: 5 } });
    await getAs(['anonymous', 'volunteer', 'county'], { path: '/menu-items', query: { siteId: ids.yongqingStationId } });
    for (const phone of Object.values(DEMO)) await post({ as: 'anonymous', path: '/auth/login', body: { phone, password: 'Demo@2026' }, status: 200 });
    fx.fresh = await register('fresh', '契约测试志愿者');
    flush();
  });

  it('me, regions, own records', async () => {
    await getAs(['county', 'site', 'leader', 'volunteer', 'fresh'], { path: '/me' });
    const towns = await getAs(['county', 'site', 'leader', 'volunteer'], { path: '/regions', query: { level: 'town' } });
    expect(towns[0].body.length).toBeGreaterThan(10);
    await getAs(['leader', 'volunteer', 'fresh'], { path: '/me/record' });
    await getAs(['volunteer', 'fresh'], { path: '/me/activities' });
    flush();
  });

  it('accounts: registration code, pending registration and its claim, password change, logout', async () => {
    // the code route answers 2xx only with an SMS provider: a delivery double for this one call, then none again
    // (with a provider every registration needs a code)
    const verification = t.app.get(VerificationService) as unknown as { sender: VerificationCodeSender | null };
    verification.sender = { send: async () => undefined };
    try {
      await post({ as: 'anonymous', path: '/auth/register/code', body: { phone: uniquePhone() }, status: 200 });
    } finally {
      verification.sender = null;
    }
    // a phone staff already recorded: 202, the claim waits for an admin (approve one, decline another)
    const claimed: string[] = [];
    for (const name of ['契约测试认领甲', '契约测试认领乙']) {
      const phone = uniquePhone();
      await post({
        as: 'county',
        path: '/volunteers',
        body: { name, phone, gender: 'female', birthDate: '1971-09-18', politicalStatus: 'masses', siteId: ids.yongqingStationId },
        status: 201,
      });
      await post({ as: 'anonymous', path: '/auth/register', body: { name, phone, password: 'Claim2026pw', siteId: ids.yongqingStationId }, status: 202 });
      claimed.push(phone);
    }
    const [claims] = await getAs(['county', 'site'], { path: '/registration-claims', query: { status: 'pending', pageSize: 100 } });
    const idOf = (phone: string) => (claims.body.items as Array<{ id: string; phone: string }>).find((c) => c.phone === phone)!.id;
    await post({ as: 'county', path: '/registration-claims/{id}/approve', params: { id: idOf(claimed[0]) }, body: {}, status: 200 });
    await post({ as: 'county', path: '/registration-claims/{id}/decline', params: { id: idOf(claimed[1]) }, body: { reason: '电话核实不是本人' }, status: 200 });
    // own password change answers fresh credentials; logout ends them
    await register('changer', '契约测试改密');
    const changed = await post({ as: 'changer', path: '/auth/password', body: { currentPassword: 'Passw0rd!', newPassword: 'Changed2026pw' }, status: 200 });
    tokens.set('changer', changed.body.accessToken);
    await post({ as: 'changer', path: '/auth/logout', body: {}, status: 204 });
    flush();
  });

  it('organisation: sites, teams, members, users, volunteers', async () => {
    // sites
    await getAs(['county', 'site'], { path: '/sites', query: { parentId: ids.yongqingInstituteId, pageSize: 5 } });
    const inst = (await getAs(['county', 'site'], { path: '/sites/{id}', params: { id: ids.yongqingInstituteId } }))[0].body;
    const villages = await get({ as: 'county', path: '/regions', query: { parentId: inst.regionId } });
    const site = await post({
      as: 'site',
      path: '/sites',
      body: { name: `契约测试站${Date.now()}`, level: 'station', regionId: villages.body[0].id, parentId: ids.yongqingInstituteId, address: '东关广场' },
      status: 201,
    });
    await patch({ as: 'site', path: '/sites/{id}', params: { id: site.body.id }, body: { contactName: '王站长', contactPhone: '0938-1234567' }, status: 200 });
    await del({ as: 'county', path: '/sites/{id}', params: { id: site.body.id }, status: 204 });

    // teams and members: a new team with a fresh leader (the demo team stays as other suites expect it)
    await getAs(['county', 'site', 'leader'], { path: '/teams', query: { pageSize: 5 } });
    await getAs(['county', 'site', 'leader'], { path: '/teams/{id}', params: { id: ids.demoTeamId } });
    await getAs(['county', 'site', 'leader'], { path: '/teams/{id}/members', params: { id: ids.demoTeamId } });
    const team = await post({ as: 'site', path: '/teams', body: { name: `契约测试队${Date.now()}`, type: 'youth', siteId: ids.yongqingStationId }, status: 201 });
    fx.team = team.body.id;
    fx.freshLeader = await register('freshLeader', '契约测试队长');
    await post({ as: 'site', path: '/teams/{id}/members', params: { id: fx.team }, body: { volunteerId: fx.freshLeader, role: 'leader' }, status: 201 });
    await patch({ as: 'freshLeader', path: '/teams/{id}', params: { id: fx.team }, body: { description: '契约测试' }, status: 200 });
    await patch({ as: 'county', path: '/teams/{id}', params: { id: fx.team }, body: { description: '契约测试（县）' }, status: 200 });
    await post({ as: 'freshLeader', path: '/teams/{id}/members', params: { id: fx.team }, body: { volunteerId: fx.fresh }, status: 201 });
    await get({ as: 'freshLeader', path: '/teams/{id}/members', params: { id: fx.team } });
    await del({ as: 'freshLeader', path: '/teams/{id}/members/{volunteerId}', params: { id: fx.team, volunteerId: fx.fresh }, status: 204 });
    // recruiting (issue 11): directory, join request → approve / decline, add by exact phone
    await getAs(['fresh', 'leader', 'county'], { path: '/teams/directory', query: { pageSize: 5 } });
    const jr = await post({ as: 'fresh', path: '/teams/{id}/join-requests', params: { id: fx.team }, body: { message: '想加入' }, status: 201 });
    await getAs(['freshLeader', 'site'], { path: '/teams/{id}/join-requests', params: { id: fx.team }, query: { status: 'pending' } });
    await get({ as: 'fresh', path: '/me/join-requests' });
    await post({ as: 'freshLeader', path: '/teams/{id}/join-requests/{requestId}/approve', params: { id: fx.team, requestId: jr.body.id }, status: 200 });
    await del({ as: 'freshLeader', path: '/teams/{id}/members/{volunteerId}', params: { id: fx.team, volunteerId: fx.fresh }, status: 204 });
    const jr2 = await post({ as: 'fresh', path: '/teams/{id}/join-requests', params: { id: fx.team }, body: {}, status: 201 });
    await post({ as: 'site', path: '/teams/{id}/join-requests/{requestId}/decline', params: { id: fx.team, requestId: jr2.body.id }, status: 200 });
    const byPhone = await post({ as: 'freshLeader', path: '/teams/{id}/members/by-phone', params: { id: fx.team }, body: { phone: DEMO.member }, status: 201 });
    await del({ as: 'freshLeader', path: '/teams/{id}/members/{volunteerId}', params: { id: fx.team, volunteerId: byPhone.body.volunteerId }, status: 204 });

    // staff logins
    await get({ as: 'county', path: '/users', query: { pageSize: 5 } });
    const user = await post({
      as: 'county',
      path: '/users',
      body: { phone: uniquePhone(), password: 'Staff@2026x', role: 'site_admin', siteId: ids.otherInstituteId },
      status: 201,
    });
    await patch({ as: 'county', path: '/users/{id}', params: { id: user.body.id }, body: { password: 'Staff@2027x' }, status: 200 });

    // volunteers
    await getAs(['county', 'site', 'leader'], { path: '/volunteers', query: { pageSize: 5 } });
    const v = await post({
      as: 'site',
      path: '/volunteers',
      body: { name: '契约测试甲', phone: uniquePhone(), gender: 'female', siteId: ids.yongqingStationId },
      status: 201,
    });
    await post({ as: 'freshLeader', path: '/volunteers', body: { name: '契约测试红领巾', teamId: fx.team }, status: 201 });
    await getAs(['county', 'site'], { path: '/volunteers/{id}', params: { id: v.body.id } });
    await get({ as: 'leader', path: '/volunteers/{id}', params: { id: ids.memberVolunteerId } });
    await patch({ as: 'site', path: '/volunteers/{id}', params: { id: v.body.id }, body: { skills: ['理发'] }, status: 200 });
    const csv = Buffer.from(`\ufeff姓名,手机号,性别,所属站点\n契约导入,${uniquePhone()},男,东关社区\n`, 'utf8');
    await post({ as: 'site', path: '/volunteers/import', attach: { field: 'file', file: csv, name: '名单.csv' } });
    await getAs(['county', 'site'], { path: '/volunteers/import-template' });
    flush();
  });

  it('activities and sign-ups', async () => {
    const a = await post({
      as: 'leader',
      path: '/activities',
      body: { title: '契约测试活动', kind: 'themed', category: 'law_education', teamId: ids.demoTeamId, capacity: 1, ...future(40, 3) },
      status: 201,
    });
    fx.activity = a.body.id;
    const b = await post({
      as: 'county',
      path: '/activities',
      body: { title: '契约测试（县）', kind: 'lecture', category: 'theory_lecture', teamId: ids.demoTeamId, ...future(41, 3) },
      status: 201,
    });
    await getAs(['county', 'site', 'leader', 'volunteer'], { path: '/activities', query: { pageSize: 5 } });
    await getAs(['county', 'site', 'leader', 'volunteer', 'fresh'], { path: '/activities/{id}', params: { id: fx.activity } });
    await patch({ as: 'leader', path: '/activities/{id}', params: { id: fx.activity }, body: { description: '带上普法资料' }, status: 200 });
    await patch({ as: 'site', path: '/activities/{id}', params: { id: fx.activity }, body: { capacity: 2 }, status: 200 });
    // the fresh volunteer signs up (201), again (200); another fresh one is signed up by the leader
    await post({ as: 'fresh', path: '/activities/{id}/signups', params: { id: fx.activity }, body: {}, status: 201 });
    await post({ as: 'fresh', path: '/activities/{id}/signups', params: { id: fx.activity }, body: {}, status: 200 });
    const other = await register('fresh2', '契约测试乙');
    await post({ as: 'leader', path: '/activities/{id}/signups', params: { id: fx.activity }, body: { volunteerId: other }, status: 201 });
    await getAs(['leader', 'site', 'county', 'fresh'], { path: '/activities/{id}/signups', params: { id: fx.activity } });
    await getAs(['fresh', 'fresh2'], { path: '/me/activities' });
    await getAs(['fresh'], { path: '/activities/{id}', params: { id: fx.activity } });
    // rescheduling tells the signed-up volunteers (issue 11)
    await patch({ as: 'leader', path: '/activities/{id}', params: { id: fx.activity }, body: future(42, 3), status: 200 });
    await get({ as: 'fresh', path: '/me/activity-notices' });
    await del({ as: 'fresh', path: '/activities/{id}/signups/{volunteerId}', params: { id: fx.activity, volunteerId: fx.fresh }, status: 200 });
    await del({ as: 'leader', path: '/activities/{id}/signups/{volunteerId}', params: { id: fx.activity, volunteerId: other }, status: 200 });
    await post({ as: 'leader', path: '/activities/{id}/cancel', params: { id: fx.activity }, body: { reason: '天气原因' }, status: 200 });
    await post({ as: 'county', path: '/activities/{id}/cancel', params: { id: b.body.id }, body: { reason: '改期' }, status: 200 });
    flush();
  });

  it('attendance: code, check-in and out, manual, confirm, reject, records, points, certificate', async () => {
    // running now: check-in by code
    const running = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date(Date.now() - 10 * MIN),
      endsAt: new Date(Date.now() + 60 * MIN),
      title: '契约测试签到',
    });
    const walker = await register('walker', '契约测试丙');
    await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [running.id, walker]);
    const [code] = await getAs(['leader', 'site', 'county'], { path: '/activities/{id}/checkin-code', params: { id: running.id } });
    await post({ as: 'walker', path: '/activities/{id}/checkin', params: { id: running.id }, body: { code: code.body.code }, status: 200 });
    await post({ as: 'walker', path: '/activities/{id}/checkout', params: { id: running.id }, body: { code: code.body.code }, status: 200 });
    // offline check-in (issue 12): the leader's screen downloads the codes; a phone sends its record later with observedAt
    const [codes] = await getAs(['leader', 'site', 'county'], { path: '/activities/{id}/checkin-codes', params: { id: running.id } });
    const offliner = await register('offliner', '契约测试离线');
    await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [running.id, offliner]);
    const observedAt = new Date();
    const step = (codes.body.codes as Array<{ stepStart: string; code: string }>).find(
      (c) => Date.parse(c.stepStart) <= observedAt.getTime() && observedAt.getTime() < Date.parse(c.stepStart) + 60_000,
    );
    expect(step).toBeDefined();
    await post({
      as: 'offliner',
      path: '/activities/{id}/checkin',
      params: { id: running.id },
      body: { code: step!.code, observedAt: observedAt.toISOString(), idempotencyKey: randomUUID() },
      status: 200,
    });
    await getAs(['leader', 'site', 'county'], { path: '/activities/{id}/attendance', params: { id: running.id } });
    await post({
      as: 'leader',
      path: '/activities/{id}/attendance/{volunteerId}/reject',
      params: { id: running.id, volunteerId: walker },
      body: { reason: '未参加' },
      status: 200,
    });

    // ended four hours of service: manual attendance, confirm, complete → hours and points
    const past = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date(Date.now() - 5 * 3600_000),
      endsAt: new Date(Date.now() - 3600_000),
      title: '契约测试补录',
    });
    fx.past = past.id;
    const worker = await register('worker', '契约测试丁');
    fx.worker = worker;
    await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [past.id, worker]);
    const startsAt = new Date(Date.now() - 5 * 3600_000).toISOString();
    const endsAt = new Date(Date.now() - 3600_000).toISOString();
    await post({
      as: 'leader',
      path: '/activities/{id}/attendance',
      params: { id: past.id },
      body: { volunteerId: worker, checkInAt: startsAt, checkOutAt: endsAt },
      status: 201,
    });
    await post({ as: 'site', path: '/activities/{id}/attendance/confirm', params: { id: past.id }, body: {}, status: 200 });
    await post({ as: 'leader', path: '/activities/{id}/complete', params: { id: past.id }, body: { audienceReached: 30 }, status: 200 });
    await get({ as: 'worker', path: '/me/record' });
    await getAs(['county', 'site', 'worker'], { path: '/volunteers/{id}/record', params: { id: worker } });
    await getAs(['county', 'worker'], { path: '/volunteers/{id}/certificate.pdf', params: { id: worker } });
    await post({ as: 'site', path: '/volunteers/{id}/points/redeem', params: { id: worker }, body: { points: 1, item: '毛巾' }, status: 201 });
    await post({ as: 'county', path: '/volunteers/{id}/points/redeem', params: { id: worker }, body: { points: 1, item: '洗衣粉' }, status: 201 });
    flush();
  });

  it('service-day schedules', async () => {
    await getAs(['county', 'site', 'leader'], { path: '/service-day-schedules' });
    const startsOn = addDays(shanghaiDate(new Date()), 60);
    const s = await post({
      as: 'freshLeader',
      path: '/service-day-schedules',
      body: {
        teamId: fx.team,
        title: '契约测试服务日',
        category: 'sanitation',
        startTime: '09:00',
        endTime: '11:00',
        startsOn,
        endsOn: addDays(startsOn, 20),
        capacity: 10,
      },
      status: 201,
    });
    await get({ as: 'freshLeader', path: '/service-day-schedules', query: { teamId: fx.team } });
    await patch({ as: 'freshLeader', path: '/service-day-schedules/{id}', params: { id: s.body.schedule.id }, body: { endTime: '11:30' }, status: 200 });
    await del({ as: 'site', path: '/service-day-schedules/{id}', params: { id: s.body.schedule.id }, status: 200 });
    flush();
  });

  it('menu items and service orders, ordered to rated', async () => {
    const item = await post({
      as: 'county',
      path: '/menu-items',
      body: { title: `契约测试理发${Date.now()}`, category: 'elderly_care', teamIds: [fx.team] },
      status: 201,
    });
    const stationItem = await post({
      as: 'site',
      path: '/menu-items',
      body: { siteId: ids.yongqingStationId, title: '契约测试义诊', category: 'health', teamIds: [fx.team] },
      status: 201,
    });
    await patch({ as: 'site', path: '/menu-items/{id}', params: { id: stationItem.body.id }, body: { description: '每月一次' }, status: 200 });
    await del({ as: 'site', path: '/menu-items/{id}', params: { id: stationItem.body.id }, status: 200 });

    const order = async () =>
      (
        await post({
          as: 'anonymous',
          path: '/service-orders',
          body: {
            menuItemId: item.body.id,
            siteId: ids.yongqingStationId,
            requesterName: '张桂英',
            requesterPhone: '13912345678',
            address: '东关社区3号楼',
            preferredDate: addDays(shanghaiDate(new Date()), 3),
          },
          status: 201,
        })
      ).body as { id: string; trackingToken: string };
    const o = await order();
    await get({ as: 'anonymous', path: '/service-orders/track/{token}', params: { token: o.trackingToken } });
    await getAs(['county', 'site', 'leader'], { path: '/service-orders', query: { pageSize: 5 } });
    await getAs(['county', 'site'], { path: '/service-orders/{id}', params: { id: o.id } });
    await post({ as: 'site', path: '/service-orders/{id}/dispatch', params: { id: o.id }, body: { teamId: fx.team }, status: 200 });
    await post({ as: 'freshLeader', path: '/service-orders/{id}/decline', params: { id: o.id }, body: { reason: '人手不足' }, status: 200 });
    await post({ as: 'county', path: '/service-orders/{id}/dispatch', params: { id: o.id }, body: { teamId: fx.team }, status: 200 });
    await get({ as: 'freshLeader', path: '/service-orders/{id}', params: { id: o.id } });
    const start = new Date(Date.now() + 50 * 86400_000);
    const accepted = await post({
      as: 'freshLeader',
      path: '/service-orders/{id}/accept',
      params: { id: o.id },
      body: { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() },
      status: 200,
    });
    expect(accepted.body.activityId).toBeTruthy();
    await db.query(`UPDATE activities SET status = 'completed', completed_at = now(), audience_reached = 1 WHERE id = $1`, [accepted.body.activityId]);
    await post({ as: 'anonymous', path: '/service-orders/track/{token}/rate', params: { token: o.trackingToken }, body: { stars: 5, comment: '很好' }, status: 200 });
    await get({ as: 'anonymous', path: '/service-orders/track/{token}', params: { token: o.trackingToken } });
    const o2 = await order();
    await post({ as: 'site', path: '/service-orders/{id}/cancel', params: { id: o2.id }, body: { reason: '居民不需要了' }, status: 200 });
    await getAs(['county', 'site', 'freshLeader'], { path: '/service-orders/team-ratings' });
    await getAs(['county', 'site', 'leader'], { path: '/stats/orders' });
    await del({ as: 'county', path: '/menu-items/{id}', params: { id: item.body.id }, status: 200 });
    flush();
  });

  it('statistics, exports and the audit log', async () => {
    const from = addDays(shanghaiDate(new Date()), -400);
    await getAs(['county', 'site', 'leader'], { path: '/stats/summary', query: { from } });
    await getAs(['county', 'site', 'leader'], { path: '/stats/breakdown', query: { from, by: 'town' } });
    await get({ as: 'county', path: '/stats/breakdown', query: { by: 'month', from } });
    await getAs(['county', 'site', 'leader'], { path: '/stats/service-days', query: { from } });
    await get({ as: 'county', path: '/exports/stats', query: { by: 'town', format: 'csv', from } });
    await get({ as: 'site', path: '/exports/stats', query: { by: 'category', format: 'xlsx', from } });
    await get({ as: 'county', path: '/exports/service-days', query: { format: 'csv' } });
    await get({ as: 'site', path: '/exports/service-days', query: { format: 'xlsx', from } });
    await get({ as: 'county', path: '/exports/attendance', query: { format: 'csv', from: addDays(shanghaiDate(new Date()), -3) } });
    await get({ as: 'leader', path: '/exports/attendance', query: { format: 'xlsx', from: addDays(shanghaiDate(new Date()), -3) } });
    await get({ as: 'county', path: '/audit-log', query: { pageSize: 20 } });
    await get({ as: 'county', path: '/audit-log', query: { entity: 'attendance', pageSize: 20 } });
    flush();
  });

  it('积分超市, notices, deeds, honours, reports, jobs (issue 13)', async () => {
    // goods and the volunteer's points
    const goods = await post({ as: 'site', path: '/goods', body: { name: '契约测试肥皂', pointsPrice: 2, stock: 5, siteId: ids.yongqingStationId }, status: 201 });
    await post({ as: 'county', path: '/goods', body: { name: '契约测试大米', pointsPrice: 3, stock: 5, imageUrl: '/img/rice.jpg' }, status: 201 });
    await getAs(['county', 'site', 'volunteer'], { path: '/goods', query: { siteId: ids.yongqingStationId } });
    await get({ as: 'volunteer', path: '/goods/{id}', params: { id: goods.body.id } });
    await patch({ as: 'site', path: '/goods/{id}', params: { id: goods.body.id }, body: { stock: 6 } });
    const shopper = await register('shopper', '契约兑换人');
    await db.query(`INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind) VALUES ($1, 10, 10, '契约测试积分', 'earned')`, [shopper]);
    const r1 = await post({ as: 'shopper', path: '/redemptions', body: { goodsId: goods.body.id }, status: 201 });
    const r2 = await post({ as: 'shopper', path: '/redemptions', body: { goodsId: goods.body.id }, status: 201 });
    await post({ as: 'shopper', path: '/redemptions', body: { goodsId: ZERO_ID }, status: 404 });
    await getAs(['county', 'site'], { path: '/redemptions', query: { status: 'requested', siteId: ids.yongqingStationId } });
    await post({ as: 'site', path: '/redemptions/{id}/fulfil', params: { id: r1.body.id }, status: 200 });
    await post({ as: 'shopper', path: '/redemptions/{id}/cancel', params: { id: r2.body.id }, body: {}, status: 200 });
    await post({ as: 'site', path: '/redemptions/{id}/cancel', params: { id: r1.body.id }, body: {}, status: 409 });
    await get({ as: 'shopper', path: '/me/redemptions' });
    await get({ as: 'shopper', path: '/me/points' });
    await get({ as: 'shopper', path: '/me/points/ledger' });
    await get({ as: 'site', path: '/volunteers/{id}/points', params: { id: shopper } });
    await get({ as: 'site', path: '/volunteers/{id}/points/ledger', params: { id: shopper }, query: { kind: 'spent' } });
    await get({ as: 'site', path: '/exports/redemptions', query: { format: 'csv' } });
    await get({ as: 'county', path: '/exports/redemptions', query: { format: 'xlsx' } });
    const unused = await post({ as: 'county', path: '/goods', body: { name: '契约测试下架', pointsPrice: 1, stock: 1 }, status: 201 });
    await del({ as: 'county', path: '/goods/{id}', params: { id: unused.body.id }, status: 200 });
    // notices
    const inbox = await get({ as: 'shopper', path: '/notices' });
    expect(inbox.body.total).toBeGreaterThan(0);
    await get({ as: 'shopper', path: '/notices/unread-count' });
    await post({ as: 'shopper', path: '/notices/{id}/read', params: { id: inbox.body.items[0].id }, status: 200 });
    await post({ as: 'shopper', path: '/notices/read-all', status: 200 });
    // deeds
    const deed = await post({ as: 'county', path: '/deeds', body: { name: `契约测试移风易俗-${Date.now()}`, points: 5, yearlyCap: 5 }, status: 201 });
    await patch({ as: 'county', path: '/deeds/{id}', params: { id: deed.body.id }, body: { description: '红白喜事简办' } });
    await getAs(['county', 'site'], { path: '/deeds' });
    await post({ as: 'site', path: '/deed-awards', body: { deedId: deed.body.id, volunteerId: shopper, note: '契约测试' }, status: 201 });
    await post({ as: 'site', path: '/deed-awards', body: { deedId: deed.body.id, volunteerId: shopper }, status: 409 });
    await getAs(['county', 'site'], { path: '/deed-awards' });
    await get({ as: 'site', path: '/exports/deed-awards', query: { format: 'csv' } });
    // honours
    const h = await post({ as: 'site', path: '/honours', body: { subject: 'volunteer', volunteerId: shopper, title: '契约测试优秀志愿者', year: 2026 }, status: 201 });
    const h2 = await post({ as: 'county', path: '/honours', body: { subject: 'team', teamId: ids.demoTeamId, title: '契约测试五星队', year: 2026 }, status: 201 });
    await getAs(['county', 'site'], { path: '/honours' });
    await getAs(['county', 'site'], { path: '/honours/suggestions' });
    await post({ as: 'county', path: '/honours/{id}/approve', params: { id: h.body.id }, status: 200 });
    await post({ as: 'county', path: '/honours/{id}/reject', params: { id: h2.body.id }, body: { reason: '材料不全' }, status: 200 });
    await post({ as: 'county', path: '/honours/{id}/reject', params: { id: h.body.id }, body: {}, status: 409 });
    const pub = await get({ as: 'anonymous', path: '/public/honours', query: { year: 2026 } });
    expect(pub.body.some((x: { id: string }) => x.id === h.body.id)).toBe(true);
    await get({ as: 'shopper', path: '/me/record' });
    // reports and jobs
    await getAs(['county', 'site', 'leader'], { path: '/reports/no-shows', query: { by: 'team' } });
    await get({ as: 'county', path: '/reports/no-shows', query: { by: 'volunteer' } });
    await get({ as: 'site', path: '/exports/no-shows', query: { by: 'team', format: 'xlsx' } });
    await getAs(['county', 'site', 'leader'], { path: '/reports/at-risk' });
    await post({ as: 'county', path: '/jobs/{job}/run', params: { job: 'redemption-expiry' }, body: {}, status: 200 });
    await post({ as: 'county', path: '/jobs/{job}/run', params: { job: 'activity-reminders' }, body: { date: addDays(shanghaiDate(new Date()), 900) }, status: 200 });
    flush();
  });

  it('error answers match ApiErrorBody: validation, login, role, scope, missing, conflict', async () => {
    const v = await post({ as: 'leader', path: '/activities', body: { title: '', kind: 'party', teamId: 'x', startsAt: 'tomorrow' }, status: 400 });
    expect(v.body.code).toBe('VALIDATION_FAILED');
    expect(v.body.details.length).toBeGreaterThan(1);
    await post({ as: 'anonymous', path: '/auth/login', body: { phone: DEMO.county, password: 'wrong-password' }, status: 401 });
    await get({ as: 'volunteer', path: '/users', status: 403 });
    await get({ as: 'leader', path: '/activities/{id}/attendance', params: { id: fx.past }, status: 200 });
    await get({ as: 'volunteer', path: '/activities/{id}/checkin-code', params: { id: fx.past }, status: 403 });
    await get({ as: 'county', path: '/activities/{id}', params: { id: ZERO_ID }, status: 404 });
    await get({ as: 'county', path: '/activities/{id}', params: { id: 'not-a-uuid' }, status: 400 });
    await post({
      as: 'anonymous',
      path: '/auth/register',
      body: { name: '重号', phone: DEMO.member, password: 'Passw0rd!', siteId: ids.yongqingStationId },
      status: 409,
    });
    await post({ as: 'worker', path: '/activities/{id}/checkin', params: { id: fx.past }, body: { code: '000000' }, status: 409 });
    const bad = Buffer.from(`\ufeff姓名,手机号,性别,所属站点\n,123,未知,不存在的站\n`, 'utf8');
    const imp = await post({ as: 'site', path: '/volunteers/import', attach: { field: 'file', file: bad, name: '坏名单.csv' }, status: 400 });
    expect(imp.body.code).toBe('IMPORT_ROWS_INVALID');
    const noFile = await post({ as: 'site', path: '/volunteers/import', body: {}, status: 400 });
    expect(noFile.body.code).toBe('VALIDATION_FAILED');
    flush();
  });

  it('every operation that needs a login answers 401 without one, as documented', async () => {
    const wrong: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item) as Array<[Method, NonNullable<OpenApiDoc['paths'][string][Method]>]>) {
        if (!op.security?.length) continue; // public
        if (!op.responses['401']) {
          wrong.push(`${method.toUpperCase()} ${path} needs a login but does not document 401`);
          continue;
        }
        const p = path.slice(PREFIX.length);
        const params = Object.fromEntries([...p.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], ZERO_ID]));
        try {
          await call(method, { as: 'anonymous', path: p, params, body: method === 'get' ? undefined : {}, status: 401 });
        } catch (e) {
          wrong.push((e as Error).message);
        }
      }
    }
    expect(wrong).toEqual([]);
    flush();
  });

  it('every operation in the document was answered with a 2xx and validated', () => {
    const all: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) all.push(`${m.toUpperCase()} ${path.slice(PREFIX.length)}`);
    const missing = all.filter((k) => !exercised.has(k));
    expect(missing).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(72);
  });
});
