#!/usr/bin/env node
// npm run build: unbundled ESM + .d.ts for npm (tsc), the script-tag build (vite), the manifest copy.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
// The OAuth callback page, for npm users (dist/) and script-tag users (dist/cdn/), with its script as a
// small self-contained sibling file (no inline script, so it works under a strict CSP).
for (const dir of ['dist', 'dist/cdn']) {
  cpSync('src/static/oauth-callback.html', `${dir}/oauth-callback.html`);
  await build({ entryPoints: ['src/oauth/callback-page.ts'], outfile: `${dir}/oauth-callback.js`, bundle: true, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning' });
}
cpSync('custom-elements.json', 'dist/custom-elements.json');
console.log('built dist/ and dist/cdn/ab-elements.js');
