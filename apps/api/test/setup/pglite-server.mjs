// A throw-away in-memory PGlite behind the PostgreSQL wire protocol, in its own process
// (PGlite cannot start inside Jest's VM without --experimental-vm-modules).
// Prints {"url": "..."} on stdout; stops when its parent closes stdin.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create();
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
