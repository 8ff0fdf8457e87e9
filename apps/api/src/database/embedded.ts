import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL settings of the embedded database. `wal_init_zero = off`: a new 16 MB WAL segment is created by writing
 * its last byte instead of 16 MB of zeros. In PGlite's in-memory file system the zero-fill made the commit that opened a
 * segment take 220-310 ms (every 16 MB of WAL), and every other request waited behind it; on disk it made no
 * measurable difference (max commit 28 vs 22 ms over 70 MB of WAL). PostgreSQL documents the setting for file systems
 * where pre-filling buys nothing. Passed as start parameters after PGlite's own (its `postgresqlconf` option would
 * replace initdb's postgresql.conf, TimeZone UTC → GMT); test/setup/pglite-server.mjs does the same.
 */
export const EMBEDDED_START_SETTINGS = ['-c', 'wal_init_zero=off'];

/**
 * The embedded default: PGlite persisted under DATA_DIR/pgdata, served over the PostgreSQL wire
 * protocol on a loopback port, so the app uses the ordinary `pg` driver on both databases.
 * `dataDir` undefined ⇒ in-memory (tests). PGlite and its socket server are loaded here, on first use: a process on
 * PostgreSQL (DATABASE_URL) never loads them.
 */
export async function startEmbeddedDatabase(opts: { dataDir?: string; maxConnections?: number }): Promise<EmbeddedDatabase> {
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = join(opts.dataDir, 'pgdata');
    mkdirSync(dataDir, { recursive: true });
  }
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams: [...PGlite.defaultStartParams, ...EMBEDDED_START_SETTINGS] });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: opts.maxConnections ?? 10 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgresql://postgres:postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
