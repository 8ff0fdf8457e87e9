// A throw-away in-memory PGlite behind the PostgreSQL wire protocol, in its own process
// (PGlite cannot start inside Jest's VM without --experimental-vm-modules).
// Prints {"url": "..."} on stdout; stops when its parent closes stdin.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// wal_init_zero off: PGlite zero-fills every new 16 MB WAL segment in its in-memory file system, and that one commit
// took 220-310 ms here, so /health stalled behind it during a 5,000-row import (hostile-input.e2e-spec). As the app's
// embedded database (src/database/embedded.ts, EMBEDDED_START_SETTINGS).
const db = await PGlite.create({ startParams: [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'] });
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: Number(process.env.MAX_CONNECTIONS ?? 10) });
await server.start();
process.stdout.write(JSON.stringify({ url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres` }) + '\n');
const stop = async () => {
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
