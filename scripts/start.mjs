#!/usr/bin/env node
// `pnpm start`: build what is out of date (shared → api → web), then serve API + web on one port.
// The API migrates and seeds the embedded database itself on first start.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const packages = [
  { name: '@wenming/shared', dir: 'packages/shared', out: 'packages/shared/dist/index.js' },
  { name: '@wenming/api', dir: 'apps/api/src', out: 'apps/api/dist/main.js' },
  { name: '@wenming/web', dir: 'apps/web/src', out: 'apps/web/dist/index.html', optional: true },
];
let rebuilt = false;
for (const p of packages) {
  const out = join(root, p.out);
  if (p.optional && !existsSync(join(root, p.dir))) continue;
  const stale = !existsSync(out) || rebuilt || newest(join(root, p.dir)) > statSync(out).mtimeMs || newest(join(root, 'packages/shared/src')) > statSync(out).mtimeMs;
  if (stale) {
    console.log(`building ${p.name}…`);
    execSync(`pnpm --filter ${p.name} run build`, { cwd: root, stdio: 'inherit' });
    rebuilt = true;
  }
}

const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
