import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Pool figures of the `pg` pool behind TypeORM. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics of one app instance (its own registry, so several apps in one test process do not clash).
 * Routes are label values only as templates (`/api/v1/activities/:id`), never raw paths, so the series stay few.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
  readonly errors: Counter<'code'>;
  readonly checkins: Counter<'kind' | 'outcome'>;
  readonly dbUp: Gauge;
  readonly dbOutages: Counter;
  readonly inFlight: Gauge;

  constructor(pool: () => PoolStats | undefined) {
    collectDefaultMetrics({ register: this.registry, prefix: 'wenming_' });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'wenming_http_requests_total',
      help: 'HTTP requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'wenming_http_request_duration_seconds',
      help: 'HTTP request latency by route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: 'wenming_http_errors_total', help: 'Error answers by error code (5xx included)', labelNames: ['code'], registers });
    this.checkins = new Counter({ name: 'wenming_checkins_total', help: 'Check-in and check-out requests by outcome', labelNames: ['kind', 'outcome'], registers });
    this.dbUp = new Gauge({ name: 'wenming_db_up', help: '1 while the database answers, 0 during an outage', registers });
    this.dbUp.set(1);
    this.dbOutages = new Counter({ name: 'wenming_db_outages_total', help: 'Database outages seen (one per outage, not per request)', registers });
    this.inFlight = new Gauge({ name: 'wenming_http_requests_in_flight', help: 'Requests being answered', registers });
    const gauge = (name: string, help: string, key: keyof PoolStats) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const p = pool();
          if (p) this.set(p[key]);
        },
      });
    gauge('wenming_db_pool_connections', 'Connections open in the database pool', 'totalCount');
    gauge('wenming_db_pool_idle', 'Idle connections in the database pool', 'idleCount');
    gauge('wenming_db_pool_waiting', 'Queries waiting for a pooled connection', 'waitingCount');
  }
}
