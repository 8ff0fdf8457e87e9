// node bench/pg-cpu.mjs cmd args... : runs cmd, samples every postgres process's CPU (utime+stime) every 50 ms; prints
// the summed CPU delta (s) of all postgres processes (exited ones counted up to their last sample) and the cmd's stdout
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
const first = new Map(),
  last = new Map();
const sample = (init) => {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) continue;
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      const c = (Number(f[11]) + Number(f[12])) / 100;
      if (!first.has(d)) first.set(d, init ? c : 0);
      last.set(d, c);
    } catch {}
  }
};
sample(true);
const t = setInterval(() => sample(false), 50);
const p = spawn(process.argv[2], process.argv.slice(3), { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
p.stdout.on('data', (d) => (out += d));
p.on('exit', () => {
  clearInterval(t);
  sample(false);
  let s = 0;
  for (const [k, v] of last) s += v - first.get(k);
  process.stdout.write(out + `PGCPU ${s.toFixed(2)}\n`);
});
