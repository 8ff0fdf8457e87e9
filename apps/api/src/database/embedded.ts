import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

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
  const db = await PGlite.create(dataDir ? { dataDir } : {});
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
