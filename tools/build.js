#!/usr/bin/env node
// npm run build: unbundled ESM + .d.ts for npm (tsc), the script-tag build (vite), the manifest copy.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
// Extra static files of the CDN build (e.g. the OAuth callback page) live in src/static/cdn.
if (existsSync('src/static')) {
  for (const f of readdirSync('src/static')) cpSync(`src/static/${f}`, `dist/${f}`, { recursive: true });
}
// The OAuth callback pages' script: one small self-contained file beside each page (no inline script).
for (const outfile of ['dist/oauth-callback.js', 'dist/cdn/oauth-callback.js']) {
  await build({ entryPoints: ['src/oauth/callback-page.ts'], outfile, bundle: true, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning' });
}
cpSync('custom-elements.json', 'dist/custom-elements.json');
console.log('built dist/ and dist/cdn/ab-elements.js');
