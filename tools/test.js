#!/usr/bin/env node
// npm test: every check the project has, in order; exits non-zero on the first failure.
// type-check → manifest staleness → build + size budget → Node tests → browser tests (wtr) → packaging →
// Storybook build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const nodeTests = files('test/node').filter((f) => f.endsWith('.test.ts')).sort();

const steps = [
  ['type-check', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['manifest is current', 'node', ['tools/check-manifest.js']],
  ['build', 'node', ['tools/build.js']],
  ['size budget', 'node', ['tools/size.js', '--check']],
  ['node tests', 'node', ['--import', 'tsx', '--test', '--test-reporter=dot', ...nodeTests]],
  ['browser tests (Chromium)', 'npx', ['wtr']],
  ['packaging', 'node', ['tools/pack-test.js']],
  ['storybook builds', 'npx', ['storybook', 'build', '--quiet', '-o', 'storybook-static']],
];
const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (${secs} s)`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${name} (${secs} s)`);
}
console.log('\nall checks passed');
