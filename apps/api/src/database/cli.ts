import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { startEmbeddedDatabase } from './embedded';
import { isEmpty, seedDemo } from './seed/seed';
import { rebuildStats, verifyStats } from './stats-rebuild';
import { backup, restore } from './backup';
import { SCHEDULED_JOBS, type ScheduledJob } from '@wenming/shared';
import { ScopeService } from '../common/auth/scope.service';
import { AuditService } from '../modules/audit/audit.service';
import { JobsRepository } from '../modules/jobs/jobs.repository';
import { JobsService } from '../modules/jobs/jobs.service';
import { NoticesService } from '../modules/notices/notices.service';
import { GoodsRepository } from '../modules/points-shop/goods.repository';
import { PointsLedgerRepository } from '../modules/points-shop/points-ledger.repository';
import { PointsLedgerService } from '../modules/points-shop/points-ledger.service';
import { RedemptionsRepository } from '../modules/points-shop/redemptions.repository';
import { RedemptionsService } from '../modules/points-shop/redemptions.service';

const COUNTED = [
  'sites',
  'teams',
  'volunteers',
  'users',
  'team_memberships',
  'activities',
  'signups',
  'attendance',
  'points_ledger',
  'service_orders',
  'audit_entries',
  'stats_daily',
  'stats_daily_volunteers',
];
const USAGE = `usage: cli.js migrate|seed|rebuild-stats|verify-stats|counts|backup [file]|restore <file>|run-job <${SCHEDULED_JOBS.join('|')}> [YYYY-MM-DD]`;

/**
 * For operators: node dist/database/cli.js migrate|seed|rebuild-stats|verify-stats|counts|backup [file]|restore <file>|run-job <job> [YYYY-MM-DD]
 * run-job: activity-reminders (optional date: the evening whose next day is reminded), order-overdue,
 * redemption-expiry — once per period, whichever process (API or CLI) gets there first.
 */
async function main() {
  const cmd = process.argv[2];
  if (!['migrate', 'seed', 'rebuild-stats', 'verify-stats', 'counts', 'backup', 'restore', 'run-job'].includes(cmd)) {
    console.error(USAGE);
    process.exit(2);
  }
  const job = process.argv[3] as ScheduledJob;
  if (cmd === 'run-job' && !SCHEDULED_JOBS.includes(job)) {
    console.error(`run-job: unknown job "${job ?? ''}"; one of ${SCHEDULED_JOBS.join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  if (cmd === 'backup') {
    console.log(`backup written: ${await backup(config, process.argv[3])}`);
    return;
  }
  if (cmd === 'restore') {
    if (!process.argv[3]) throw new Error('usage: cli.js restore <file>  (a file written by `pnpm backup`)');
    console.log(await restore(config, process.argv[3]));
    return;
  }
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir });
  const ds = createDataSource(config.databaseUrl ?? embedded!.url, { poolSize: 2 });
  await ds.initialize();
  try {
    if (cmd === 'counts') {
      // row counts of the main tables, as one JSON line (the restore drill compares them before and after)
      const counts: Record<string, number> = {};
      for (const table of COUNTED) {
        const exists = await ds.query(`SELECT to_regclass($1) AS t`, [table]);
        if (exists[0].t) counts[table] = Number((await ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
      }
      console.log(JSON.stringify(counts));
      return;
    }
    const ran = await ds.runMigrations({ transaction: 'each' });
    console.log(`migrations applied: ${ran.length ? ran.map((m) => m.name).join(', ') : 'none (up to date)'}`);
    if (cmd === 'seed') {
      if (!(await isEmpty(ds))) {
        console.log('database already has data: the demo county is seeded only into an empty database');
      } else {
        console.log('seeding the Qingshui demo county…');
        console.log(await seedDemo(ds, { password: config.seedPassword }));
      }
    }
    if (cmd === 'rebuild-stats') {
      const started = Date.now();
      // truncate + recompute + verify in one transaction: on a mismatch nothing changes
      const check = await ds.transaction((em) => rebuildStats(em));
      console.log(`statistics roll-ups rebuilt in ${Date.now() - started} ms and verified against raw data:`, JSON.stringify(check));
    }
    if (cmd === 'run-job') {
      const notices = new NoticesService(ds);
      const points = new PointsLedgerService(new PointsLedgerRepository(ds));
      const redemptions = new RedemptionsService(
        ds,
        config,
        new RedemptionsRepository(ds),
        new GoodsRepository(ds),
        new ScopeService(ds),
        points,
        new AuditService(ds),
        notices,
      );
      const r = await new JobsService(ds, config, new JobsRepository(), notices, redemptions).run(job, { date: process.argv[4] });
      console.log(r.ran ? `${job} ${r.period}: done, ${r.affected} affected` : `${job} ${r.period}: already run for this period, nothing done`);
    }
    if (cmd === 'verify-stats') {
      const check = await verifyStats(ds.manager);
      console.log(check.ok ? 'statistics roll-ups agree with raw data:' : 'MISMATCH between roll-ups and raw data:', JSON.stringify(check));
      if (!check.ok) process.exitCode = 1;
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? `error: ${err.message}` : err);
  process.exit(1);
});
