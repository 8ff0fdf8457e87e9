import { createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

const API = '/api/v1';
const OUTAGE_MS = 10_000;

/**
 * A TCP proxy between the app and the test database that the test can cut: `stop()` closes every connection and
 * refuses new ones (what the app sees when PostgreSQL or the embedded socket server goes away), `start()` listens
 * again on the same port. The shared test database itself keeps running.
 */
class CuttableProxy {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}
  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }
  async stop(): Promise<void> {
    const closed = new Promise((r) => this.server!.close(r));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe('database outage under check-in load', () => {
  let t: TestApp;
  let proxy: CuttableProxy;
  let direct: DataSource;
  const logLines: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(l));
      cb();
    },
  });

  beforeAll(async () => {
    const url = new URL(process.env.WM_TEST_DB_URL!);
    proxy = new CuttableProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    t = await createTestApp({ LOG_LEVEL: 'log' }, viaProxy.toString(), { logStream });
    direct = new DataSource({ type: 'postgres', url: url.toString(), poolSize: 1 });
    await direct.initialize();
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop().catch(() => undefined);
    await direct.destroy();
  });

  it('10 s without the database: 503 DB_UNAVAILABLE with Retry-After, no 500, one log line, nothing lost after retry', async () => {
    const ids = await demoIds(t);
    const leader = await t.token(DEMO.leader);
    const MIN = 60_000;
    const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(Date.now() - 10 * MIN), endsAt: new Date(Date.now() + 60 * MIN) });
    const volunteers = [];
    for (let i = 0; i < 12; i++) volunteers.push(await registerVolunteer(t, ids.yongqingStationId, `断库${i}`));
    for (const v of volunteers) await direct.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [a.id, v.volunteerId]);
    const code = async () => {
      const r = await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(leader));
      return r.status === 200 ? (r.body.code as string) : undefined;
    };
    let current = (await code())!;
    expect(current).toMatch(/^\d{6}$/);
    const logStart = logLines.length;

    const statuses = new Map<number, number>();
    const checkedIn = new Set<string>();
    let missingRetryAfter = 0;
    let wrongBody = 0;
    const started = Date.now();
    let cut = false;
    let restored = false;
    // check-in load: every volunteer not yet in tries every ~200 ms; the database goes away after 1 s for 10 s
    while (Date.now() - started < OUTAGE_MS + 4000) {
      const elapsed = Date.now() - started;
      if (!cut && elapsed > 1000) {
        cut = true;
        await proxy.stop();
      }
      if (cut && !restored && elapsed > 1000 + OUTAGE_MS) {
        restored = true;
        await proxy.start();
      }
      // the volunteers who already got in stop; one of them re-tries to prove a repeat is harmless
      const round = volunteers.filter((v) => !checkedIn.has(v.volunteerId)).slice(0, 8);
      const answers = await Promise.all(
        [...round, volunteers[0]].map(async (v) => {
          const r = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code: current });
          return { v, r };
        }),
      );
      for (const { v, r } of answers) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 503) {
          if (!/^\d+$/.test(String(r.headers['retry-after']))) missingRetryAfter++;
          if (r.body.code !== 'DB_UNAVAILABLE' || !r.body.message) wrongBody++;
        }
        if (r.status === 200) checkedIn.add(v.volunteerId);
        if (r.status === 400 || r.status === 409) current = (await code()) ?? current;
      }
      const ready = await t.http().get(`${API}/health/ready`);
      if (cut && !restored) {
        expect(ready.status).toBe(503);
        expect(ready.headers['retry-after']).toBeDefined();
        expect((await t.http().get(`${API}/health/live`)).status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // after the outage, every retry goes through
    for (const v of volunteers) {
      if (checkedIn.has(v.volunteerId)) continue;
      const r = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: (await code()) ?? current });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 200) checkedIn.add(v.volunteerId);
    }
    const summary = Object.fromEntries(statuses);
    console.log(`check-in answers by status during/after a ${OUTAGE_MS / 1000} s outage: ${JSON.stringify(summary)}`);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(10);
    expect(missingRetryAfter).toBe(0);
    expect(wrongBody).toBe(0);
    expect(checkedIn.size).toBe(volunteers.length);
    // nothing lost, nothing doubled: exactly one attendance row per volunteer
    const rows = await direct.query(`SELECT volunteer_id, count(*)::int AS n FROM attendance WHERE activity_id = $1 GROUP BY volunteer_id`, [a.id]);
    expect(rows).toHaveLength(volunteers.length);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);

    // the log: one line when the outage starts, one when it ends; access lines are warn (503), never error stacks
    await new Promise((r) => setTimeout(r, 1500));
    const lines = logLines.slice(logStart);
    const notAccess = lines.filter((l) => l.msg !== 'request');
    console.log(`log lines besides the access log during the outage: ${notAccess.length}: ${notAccess.map((l) => l.msg).join(' | ')}`);
    expect(notAccess.filter((l) => l.event === 'db_unavailable')).toHaveLength(1);
    expect(notAccess.filter((l) => l.event === 'db_available')).toHaveLength(1);
    expect(notAccess.length).toBeLessThanOrEqual(4);
    expect(lines.some((l) => l.level === 'error' && l.msg === 'request')).toBe(false);
    expect(lines.some((l) => typeof l.stack === 'string')).toBe(false);
    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toContain('wenming_db_up 1');
    expect(metrics.text).toMatch(/wenming_db_outages_total 1/);
  }, 60_000);
});
