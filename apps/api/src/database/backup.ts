import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * Backups of both databases.
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (a consistent snapshot of a running database, taken in one
 *   repeatable-read transaction by pg_dump itself); restore with `pg_restore --clean --if-exists --single-transaction`.
 * - Embedded (PGlite in DATA_DIR/pgdata): PGlite's own `dumpDataDir('gzip')`, a tarball of the data directory taken
 *   while this process holds it exclusively, so the app must be stopped (checked through DATA_DIR/app.pid). Restore
 *   loads the tarball into a new directory, checks it opens, and swaps it in; the old one is kept beside it.
 */

export const PID_FILE = 'app.pid';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', (e) => reject(new Error(`${cmd} could not start (${e.message}); install the PostgreSQL client tools (apt-get install postgresql-client)`)));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} exited with ${code}: ${err.trim().slice(0, 2000)}`))));
  });
}

/** Refuse to touch the embedded data directory while an app process has it open. */
export function assertEmbeddedStopped(config: AppConfig): void {
  const file = join(config.dataDir, PID_FILE);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (alive) throw new Error(`the app (pid ${pid}) is using ${config.dataDir}: stop it first (the embedded database has one owner), then run the backup/restore again`);
}

function defaultFile(config: AppConfig): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return join(config.dataDir, 'backups', `wenming-${config.embedded ? 'embedded' : 'postgres'}-${stamp}.${config.embedded ? 'tar.gz' : 'dump'}`);
}

export async function backup(config: AppConfig, file?: string): Promise<string> {
  const out = resolve(file ?? defaultFile(config));
  mkdirSync(dirname(out), { recursive: true });
  if (!config.embedded) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${config.databaseUrl}`]);
  } else {
    assertEmbeddedStopped(config);
    const dataDir = join(config.dataDir, 'pgdata');
    if (!existsSync(dataDir)) throw new Error(`no embedded database in ${dataDir}`);
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ dataDir });
    try {
      await db.query('CHECKPOINT');
      const dump = await db.dumpDataDir('gzip');
      writeFileSync(out, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    } finally {
      await db.close();
    }
  }
  return `${out} (${(statSync(out).size / 1024 / 1024).toFixed(1)} MB)`;
}

export async function restore(config: AppConfig, file: string): Promise<string> {
  const src = resolve(file);
  if (!existsSync(src)) throw new Error(`backup file not found: ${src}`);
  if (!config.embedded) {
    // --clean --if-exists: works on an empty database and on one that has the tables; one transaction: all or nothing
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      src,
    ]);
    return `restored ${src} into the PostgreSQL database of DATABASE_URL`;
  }
  assertEmbeddedStopped(config);
  const dataDir = join(config.dataDir, 'pgdata');
  const incoming = `${dataDir}.restoring`;
  rmSync(incoming, { recursive: true, force: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir: incoming, loadDataDir: new Blob([readFileSync(src)]) });
  try {
    await db.query('SELECT count(*) FROM migrations'); // it opens and holds our schema
  } finally {
    await db.close();
  }
  let kept = '';
  if (existsSync(dataDir)) {
    kept = `${dataDir}.before-restore-${Date.now()}`;
    renameSync(dataDir, kept);
  }
  renameSync(incoming, dataDir);
  return `restored ${src} into ${dataDir}${kept ? ` (the previous data is kept in ${kept}; delete it when satisfied)` : ''}`;
}
