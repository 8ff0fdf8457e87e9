import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { createApp, type CreateAppOptions } from '../../src/bootstrap';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { registerAnswerChecker, type OpenApiDoc, OpenApiValidator } from './openapi-validator';
import type { FastifyInstance } from 'fastify';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO = { county: '13800000001', site: '13800000002', leader: '13800000003', member: '13800000004' } as const;

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Answers of this app that did not match /api/docs-json (every suite's answers are checked; close() fails on any). */
  contractViolations: string[];
  /** Bearer token of a login (cached). */
  token(phone: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real Nest app, in-process, on the run's migrated and seeded database. */
export async function createTestApp(env: Record<string, string> = {}, databaseUrl = process.env.WM_TEST_DB_URL!, opts: CreateAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    DATA_DIR: '/tmp/wenming-test-data',
    JWT_SECRET: '9f2c4e7a1b8d3f6e0c5a9b2d7e4f1a8c3b6d9e2f5a8c1b4d7e0f3a6c9b2e5d8f', // a fixed random test key (the app refuses guessable ones)
    DATA_KEY: 'a'.repeat(64),
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO: 'false',
    // scheduled jobs are run explicitly by the tests that need them
    JOBS_ENABLED: 'false',
    // on PostgreSQL the app must know it is not on the embedded database (real connection pool, real concurrency)
    ...(process.env.WM_TEST_DB_KIND === 'postgres' ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const app = await createApp(config, databaseUrl, { logger: false, ...opts });
  // every answer of every e2e suite is checked against the OpenAPI document (see test/e2e/contract.e2e-spec.ts)
  const contractViolations: string[] = [];
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  registerAnswerChecker(fastify, new OpenApiValidator(buildOpenApiDocument(app) as unknown as OpenApiDoc), contractViolations);
  await app.init();
  await fastify.ready();
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    http,
    async token(phone, password = DEMO_PASSWORD) {
      const key = `${phone}:${password}`;
      if (!tokens.has(key)) {
        const res = await http().post('/api/v1/auth/login').send({ phone, password });
        if (res.status !== 200) throw new Error(`login ${phone} failed: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(key, res.body.accessToken);
      }
      return tokens.get(key)!;
    },
    contractViolations,
    async close() {
      await app.close();
      if (contractViolations.length) {
        throw new Error(`answers that do not match /api/docs-json (fix the answer, packages/shared or the route's @ApiAnswer):\n${contractViolations.join('\n')}`);
      }
    },
  };
}

/**
 * A phone number no other call in this run has had (166 + jest worker + counter; the demo seed never uses 166).
 * Every suite shares one database, so random numbers collided across suites now and then (3,000 imported phones in
 * one suite met an earlier suite's volunteer: created 2,999, updated 1). A jest worker runs one file at a time, so a
 * per-worker counter file under the run's directory (global-setup) hands out each number once across the run.
 */
export function uniquePhone(): string {
  return phoneCounter((n) => n + 1).prefix;
}

/**
 * The first 7 digits of 10,000 phone numbers no other call in this run has had (append 4 digits): for suites that
 * insert thousands of volunteers in one statement.
 */
export function uniquePhoneBlock(): string {
  return phoneCounter((n) => (Math.floor(n / 10_000) + 1) * 10_000 + 9_999).prefix.slice(0, 7);
}

/** Advances this worker's counter (see uniquePhone) with `next(last)` and gives the number it lands on. */
function phoneCounter(next: (last: number) => number): { prefix: string } {
  const dir = process.env.WM_TEST_PHONE_DIR;
  const worker = Number(process.env.JEST_WORKER_ID ?? '1') % 100;
  if (!dir) throw new Error('uniquePhone needs WM_TEST_PHONE_DIR (set by test/setup/global-setup.ts)');
  const file = join(dir, `worker-${worker}`);
  const n = next(existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0);
  if (n > 999_999) throw new Error('uniquePhone: this worker has used its million numbers');
  writeFileSync(file, String(n));
  return { prefix: `166${String(worker).padStart(2, '0')}${String(n).padStart(6, '0')}` };
}

/** Ids of the seeded demo county that tests need. */
export async function demoIds(t: TestApp) {
  const admin = await t.token(DEMO.county);
  const auth = { Authorization: `Bearer ${admin}` };
  const inst = await t.http().get('/api/v1/sites').query({ level: 'institute', pageSize: 100 }).set(auth);
  const yongqing = inst.body.items.find((s: { name: string }) => s.name.startsWith('永清镇'));
  const other = inst.body.items.find((s: { name: string }) => s.name.startsWith('红堡镇'));
  const ys = await t.http().get('/api/v1/sites').query({ level: 'station', parentId: yongqing.id, pageSize: 5 }).set(auth);
  const os = await t.http().get('/api/v1/sites').query({ level: 'station', parentId: other.id, pageSize: 5 }).set(auth);
  const leader = await t
    .http()
    .get('/api/v1/me')
    .set({ Authorization: `Bearer ${await t.token(DEMO.leader)}` });
  const member = await t
    .http()
    .get('/api/v1/me')
    .set({ Authorization: `Bearer ${await t.token(DEMO.member)}` });
  const otherTeams = await t.http().get('/api/v1/teams').query({ siteId: other.id, pageSize: 5 }).set(auth);
  return {
    yongqingInstituteId: yongqing.id as string,
    yongqingStationId: ys.body.items[0].id as string,
    otherInstituteId: other.id as string,
    otherStationId: os.body.items[0].id as string,
    demoTeamId: leader.body.teamsLed[0].id as string,
    leaderVolunteerId: leader.body.volunteer.id as string,
    memberVolunteerId: member.body.volunteer.id as string,
    otherTeamId: otherTeams.body.items[0].id as string,
  };
}

/** A fresh volunteer with a login (self-registered); returns token and ids. */
export async function registerVolunteer(t: TestApp, siteId: string, name = '测试志愿者') {
  const phone = uniquePhone();
  const res = await t.http().post('/api/v1/auth/register').send({ name, phone, password: 'Passw0rd!', siteId });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { phone, token: res.body.accessToken as string, userId: res.body.user.id as string, volunteerId: res.body.user.volunteerId as string };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The four demo logins as request headers, and the demo ids: what most e2e suites start from. */
export async function demoSession(t: TestApp) {
  return {
    ids: await demoIds(t),
    admin: bearer(await t.token(DEMO.county)),
    siteAdmin: bearer(await t.token(DEMO.site)),
    leader: bearer(await t.token(DEMO.leader)),
    member: bearer(await t.token(DEMO.member)),
  };
}
