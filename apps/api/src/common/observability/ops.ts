import type { Logger } from 'pino';
import type { DbHealth } from './db-health';
import type { Metrics } from './metrics';

/** The operator's pieces of one app instance, shared by middleware, the exception filter and the health controller. */
export interface Ops {
  log: Logger;
  metrics: Metrics;
  dbHealth: DbHealth;
  /** true once a stop signal arrived: readiness answers 503 so a load balancer stops sending requests. */
  draining: boolean;
}

export const OPS = Symbol('OPS');
