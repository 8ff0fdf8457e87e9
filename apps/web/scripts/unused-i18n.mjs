// Lists the keys of the web dictionary (src/lib/i18n.ts: `t.<group>.<key>` and `tOffline.<key>`) that no source
// file under src/ or e2e/ mentions, and exits 1 when there is one. Run: node apps/web/scripts/unused-i18n.mjs
// The dictionary is read line by line (two-space groups, four-space keys), as the file is written.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const web = join(dirname(new URL(import.meta.url).pathname), '..');
const dictionary = join(web, 'src/lib/i18n.ts');
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(p) && p !== dictionary) files.push(p);
  }
};
walk(join(web, 'src'));
walk(join(web, 'e2e'));
const corpus = files.map((f) => readFileSync(f, 'utf8')).join('\n');
const mentioned = (re) => new RegExp(re).test(corpus);

const unused = [];
let object = null; // 't' | 'tOffline'
let group = null;
for (const [i, line] of readFileSync(dictionary, 'utf8').split('\n').entries()) {
  let m;
  if ((m = /^export const (t|tOffline) = \{/.exec(line))) [object, group] = [m[1], null];
  else if (/^\}/.test(line)) object = null;
  else if (object === 't' && (m = /^ {2}(\w+): \{\s*$/.exec(line))) group = m[1];
  else if (object === 't' && group && (m = /^ {4}(\w+):/.exec(line))) {
    if (!mentioned(`\\bt\\.${group}\\.${m[1]}\\b`)) unused.push(`t.${group}.${m[1]} (line ${i + 1})`);
  } else if (object && (m = /^ {2}(\w+):/.exec(line))) {
    group = null;
    if (!mentioned(`\\b${object}\\.${m[1]}\\b`)) unused.push(`${object}.${m[1]} (line ${i + 1})`);
  }
}
if (unused.length) {
  console.log(`${unused.length} unused dictionary keys:\n${unused.join('\n')}`);
  process.exit(1);
}
console.log('every dictionary key is used');
