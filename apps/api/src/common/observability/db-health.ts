import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Metrics } from './metrics';
import { pingDatabase } from './db-health.repository';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03', // admin shutdown, crash shutdown, cannot connect now (starting up / shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // connection exceptions, too many connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Connection is not established|Client was closed|Cannot use a pool after calling end|terminating connection/i;

/** Is this error the database being unreachable (as opposed to a bad query)? TypeORM wraps the driver's error. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; driverError?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/** Seconds a client is told to wait (Retry-After) while the database is away. */
export const DB_RETRY_AFTER_SECONDS = 5;

/**
 * Database availability as the app sees it. The first failed request of an outage logs ONE line and starts a probe
 * (SELECT 1 every second); the probe's first success logs one line with the outage's length. Requests during the
 * outage answer 503 DB_UNAVAILABLE with Retry-After and log nothing more.
 */
export class DbHealth {
  private downSince: number | null = null;
  private probe: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly db: () => DataSource | undefined,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  get up(): boolean {
    return this.downSince === null;
  }

  markDown(err: unknown): void {
    this.failures++;
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.metrics.dbUp.set(0);
    this.metrics.dbOutages.inc();
    const e = err as { code?: string; message?: string; driverError?: { code?: string } };
    this.log.error(
      { event: 'db_unavailable', errCode: e?.code ?? e?.driverError?.code, err: String(e?.message ?? err).slice(0, 200) },
      'database unavailable; answering 503 DB_UNAVAILABLE until it is back',
    );
    this.probe = setInterval(() => void this.check(), 1000);
    this.probe.unref();
  }

  markUp(): void {
    if (this.downSince === null) return;
    const seconds = (Date.now() - this.downSince) / 1000;
    this.log.warn({ event: 'db_available', outageSeconds: Math.round(seconds * 10) / 10, failedRequests: this.failures }, 'database available again');
    this.downSince = null;
    this.failures = 0;
    this.metrics.dbUp.set(1);
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  /** SELECT 1; updates the state either way. */
  async check(): Promise<boolean> {
    const ds = this.db();
    if (!ds?.isInitialized) return false;
    try {
      await pingDatabase(ds);
      this.markUp();
      return true;
    } catch (err) {
      if (isDatabaseUnavailable(err)) this.markDown(err);
      return false;
    }
  }

  stop(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}
