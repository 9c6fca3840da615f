#!/usr/bin/env node
// npm run size: raw and gzip-9 bytes of the CDN entry, of all of dist/cdn together, and of each element
// bundled alone with Lit (what a user importing one element pays). `--check` enforces the budget.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGET_CDN_GZIP, CEILING_CDN_GZIP } from './size-budget.js';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const line = (label, raw, gzip) => console.log(`${label.padEnd(52)} ${String(raw).padStart(9)} B raw ${String(gzip).padStart(8)} B gzip-9`);

if (!existsSync('dist/cdn/ab-elements.js')) {
  console.error('dist/cdn/ab-elements.js is missing: run `npm run build` first.');
  process.exit(1);
}
const entry = readFileSync('dist/cdn/ab-elements.js');
line('dist/cdn/ab-elements.js', entry.length, gz(entry));
let raw = 0;
let total = 0;
for (const f of files('dist/cdn')) {
  const b = readFileSync(f);
  raw += b.length;
  total += gz(b);
}
line('dist/cdn/ (all files, sum of each gzip-9)', raw, total);

for (const dir of readdirSync('src/components').sort()) {
  const define = readdirSync(join('src/components', dir)).find((f) => /^ab-.*\.ts$/.test(f));
  if (!define) continue;
  const out = await build({ entryPoints: [join('src/components', dir, define)], bundle: true, minify: true, format: 'esm', target: 'es2022', write: false, legalComments: 'inline', logLevel: 'error' });
  const code = out.outputFiles[0].contents;
  line(`${define.replace(/\.ts$/, '.js')} (alone, with Lit)`, code.length, gz(code));
}

if (process.argv.includes('--check')) {
  if (total > CEILING_CDN_GZIP) {
    console.error(`\nSIZE CEILING EXCEEDED: dist/cdn/ is ${total} B gzip-9, above the regression ceiling of ${CEILING_CDN_GZIP} B (the budget is ${BUDGET_CDN_GZIP} B). Make it smaller; see tools/size-breakdown.js.`);
    process.exit(1);
  }
  if (total > BUDGET_CDN_GZIP) {
    console.log(`\nsize: dist/cdn/ ${total} B gzip-9 is within the regression ceiling (${CEILING_CDN_GZIP} B) but MISSES the 35 kB budget (${BUDGET_CDN_GZIP} B) by ${total - BUDGET_CDN_GZIP} B — see BENCHMARKS.md.`);
  } else {
    console.log(`\nsize budget ok: dist/cdn/ ${total} B ≤ ${BUDGET_CDN_GZIP} B gzip-9`);
  }
}
