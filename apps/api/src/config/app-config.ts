import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_OFFLINE_GRACE_HOURS, DEFAULT_STAR_THRESHOLDS_HOURS, PHONE_PATTERN } from '@wenming/shared';
import { passwordProblem } from '../common/crypto/password-policy';
import { weakJwtSecretReason } from './jwt-secret';

/** The only place that reads process.env. Validated once; a bad value stops the app naming the variable. */
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_EXPIRES_IN_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  SEED_DEMO: z.string().optional(),
  MIGRATE_ON_START: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  SEED_PASSWORD: z.string().min(6, 'must be at least 6 characters').default('Demo@2026'),
  ADMIN_PHONE: z.string().regex(PHONE_PATTERN, 'must be an 11-digit mainland mobile number').optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  STAR_THRESHOLDS_HOURS: z
    .string()
    .regex(/^\d+(,\d+){4}$/, 'must be five comma-separated hour figures, e.g. 100,300,600,1000,1500')
    .optional(),
  POINTS_PER_HOUR: z.coerce.number().positive().default(1),
  ORDER_OVERDUE_HOURS: z.coerce.number().int().positive().default(48),
  OFFLINE_GRACE_HOURS: z.coerce
    .number({ message: 'must be a whole number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(24 * 30, 'must be at most 720 hours (30 days)')
    .default(DEFAULT_OFFLINE_GRACE_HOURS),
  REDEMPTION_EXPIRY_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  JOBS_ENABLED: bool(true),
  PUBLIC_BASE_URL: z.string().url('must be a URL such as https://wm.example.cn').optional(),
  WEB_DIST_DIR: z.string().optional(),
  RATE_LIMIT_ENABLED: bool(true),
  DB_PREPARED_STATEMENTS: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  PGLITE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(10),
  CHECKIN_BATCH_MAX: z.coerce.number().int().min(1, 'must be at least 1 (1 = no batching)').max(64, 'must be at most 64').default(16),
  CHECKIN_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1, 'must be at least 1').max(8, 'must be at most 8').default(1),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
  COUNTY_NAME: z.string().trim().min(1, 'must not be empty').max(30, 'must be at most 30 characters').default('清水县'),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A read replica (PostgreSQL streaming standby) for statistics and exports; undefined ⇒ the primary. */
  databaseReadUrl: string | undefined;
  embedded: boolean;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  dataKey: Buffer;
  seedDemo: boolean;
  migrateOnStart: boolean;
  seedPassword: string;
  adminPhone: string | undefined;
  adminPassword: string | undefined;
  starThresholdsHours: number[];
  pointsPerHour: number;
  orderOverdueHours: number;
  /** How long after the claimed minute an offline check-in/out is still accepted. */
  offlineGraceHours: number;
  /** a `requested` redemption not fulfilled within this many days expires (points and stock returned) */
  redemptionExpiryDays: number;
  /** run the scheduled jobs (reminders, overdue alerts, expiry) in this process; every run is once per period anyway */
  jobsEnabled: boolean;
  publicBaseUrl: string | undefined;
  webDistDir: string;
  rateLimitEnabled: boolean;
  /** Statistics read through named prepared statements: PostgreSQL only, on unless DB_PREPARED_STATEMENTS=false (e.g. behind a transaction-pooling PgBouncer before 1.21). */
  dbPreparedStatements: boolean;
  pgliteMaxConnections: number;
  /** At most this many concurrent check-ins go to the database in one statement (1 = each alone); checkin-batcher.ts. */
  checkinBatchMax: number;
  /** Check-in statements one process has at the database at once; the next batch gathers while they run. */
  checkinBatchesInFlight: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Bearer token for GET /metrics; without it /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  /** How long a stopping process waits for requests in flight before it closes anyway. */
  shutdownGraceSeconds: number;
  /** The county this instance serves (清水县 by default): titles of exports and the certificate's fallback issuer. */
  countyName: string;
}

export class ConfigError extends Error {}

/** Secrets generated once and kept in DATA_DIR when not given. */
function localSecrets(dataDir: string): { jwtSecret: string; dataKey: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), dataKey: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_PHONE && !e.ADMIN_PASSWORD) || (!e.ADMIN_PHONE && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_PHONE/ADMIN_PASSWORD: set both or neither');
  }
  if (e.ADMIN_PASSWORD) {
    const problem = passwordProblem(e.ADMIN_PASSWORD, e.ADMIN_PHONE);
    if (problem) throw new ConfigError(`Invalid configuration:\n  ADMIN_PASSWORD: ${problem}`);
  }
  if (e.JWT_SECRET !== undefined) {
    // the generated secret in DATA_DIR is random; a given one must not be a published default or guessable
    const weak = weakJwtSecretReason(e.JWT_SECRET);
    if (weak) throw new ConfigError(`Invalid configuration:\n  JWT_SECRET: ${weak}`);
  }
  const dataDir = resolve(e.DATA_DIR);
  const embedded = !e.DATABASE_URL;
  if (embedded && e.DATABASE_READ_URL) throw new ConfigError('Invalid configuration:\n  DATABASE_READ_URL: needs DATABASE_URL (the embedded database has no replica)');
  // the embedded database's socket server runs every connection in its one session: two connections preparing the
  // same statement name would collide, so named statements are PostgreSQL's only
  if (embedded && e.DB_PREPARED_STATEMENTS === 'true') {
    throw new ConfigError('Invalid configuration:\n  DB_PREPARED_STATEMENTS: needs DATABASE_URL (the embedded database shares one session among its connections)');
  }
  const needLocal = !e.JWT_SECRET || !e.DATA_KEY;
  const local = needLocal ? localSecrets(dataDir) : undefined;
  let seedDemo = embedded;
  if (e.SEED_DEMO !== undefined) {
    if (!['true', 'false', '1', '0'].includes(e.SEED_DEMO)) throw new ConfigError('Invalid configuration:\n  SEED_DEMO: must be true or false');
    seedDemo = e.SEED_DEMO === 'true' || e.SEED_DEMO === '1';
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    embedded,
    jwtSecret: e.JWT_SECRET ?? local!.jwtSecret,
    jwtExpiresInSeconds: e.JWT_EXPIRES_IN_SECONDS,
    dataKey: Buffer.from(e.DATA_KEY ?? local!.dataKey, 'hex'),
    seedDemo,
    migrateOnStart: e.MIGRATE_ON_START ? e.MIGRATE_ON_START === 'true' : embedded,
    seedPassword: e.SEED_PASSWORD,
    adminPhone: e.ADMIN_PHONE,
    adminPassword: e.ADMIN_PASSWORD,
    starThresholdsHours: e.STAR_THRESHOLDS_HOURS ? e.STAR_THRESHOLDS_HOURS.split(',').map(Number) : [...DEFAULT_STAR_THRESHOLDS_HOURS],
    pointsPerHour: e.POINTS_PER_HOUR,
    orderOverdueHours: e.ORDER_OVERDUE_HOURS,
    offlineGraceHours: e.OFFLINE_GRACE_HOURS,
    redemptionExpiryDays: e.REDEMPTION_EXPIRY_DAYS,
    jobsEnabled: e.JOBS_ENABLED,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    webDistDir: e.WEB_DIST_DIR ? resolve(e.WEB_DIST_DIR) : resolve(__dirname, '../../../web/dist'),
    rateLimitEnabled: e.RATE_LIMIT_ENABLED,
    dbPreparedStatements: !embedded && e.DB_PREPARED_STATEMENTS !== 'false',
    pgliteMaxConnections: e.PGLITE_MAX_CONNECTIONS,
    checkinBatchMax: e.CHECKIN_BATCH_MAX,
    checkinBatchesInFlight: e.CHECKIN_BATCHES_IN_FLIGHT,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    countyName: e.COUNTY_NAME,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
