// Builds what the bench page needs: our CDN build (the root `npm run build`) and one esbuild-minified,
// production bundle per peer stack (React 19 + the form library + its validator + a 20-line adapter).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, ROOT } from './paths.js';

export const OUT_DIR = join(BENCH_DIR, '.build');
export const PEERS = ['rjsf', 'jsonforms'];
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** Installs the peer libraries into bench/node_modules when they are missing (never touches the root install). */
export function ensureBenchDeps() {
  const pkg = JSON.parse(readFileSync(join(BENCH_DIR, 'package.json'), 'utf8'));
  const missing = Object.keys(pkg.dependencies).filter((d) => !existsSync(join(BENCH_DIR, 'node_modules', d, 'package.json')));
  if (!missing.length) return;
  const lock = existsSync(join(BENCH_DIR, 'package-lock.json'));
  console.log(`bench: installing ${missing.join(', ')} into bench/node_modules (${lock ? 'npm ci' : 'npm install'})`);
  execFileSync('npm', [lock ? 'ci' : 'install', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: ROOT });
}

/** Where the bench serves and weighs our CDN build from: a snapshot of dist/cdn/ taken right after the build,
 * so a concurrent `npm run build` (which empties dist/) cannot pull it away mid-run. */
export const OURS_DIR = join(OUT_DIR, 'cdn');

/** `npm run build` at the root (dist/cdn/ is exactly what we ship to script-tag users), then the snapshot. */
export function buildOurs({ skip = false } = {}) {
  let note = null;
  if (!skip || !existsSync(join(ROOT, 'dist/cdn/ab-elements.js'))) {
    console.log('bench: npm run build (root)');
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: ROOT });
    } catch {
      // The bench needs only the script-tag bundle; a type error elsewhere should not stop it.
      note = '`npm run build` failed (see its output); the CDN bundle was built alone with `npx vite build`.';
      console.log(`bench: ${note}`);
      execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: ROOT });
    }
  }
  if (!existsSync(join(ROOT, 'dist/cdn/ab-elements.js'))) throw new Error('npm run build did not produce dist/cdn/ab-elements.js');
  rmSync(OURS_DIR, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist/cdn'), OURS_DIR, { recursive: true });
  return note;
}

/**
 * `--from-src`: bundles every element define module (src/components/<x>/ab-*.ts) straight from the sources
 * with esbuild, minified, so element owners can measure work in progress without the full build. The size
 * row still comes from dist/cdn/.
 */
export async function buildOursFromSrc({ minify = true, outfile = 'ours-src.js' } = {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = join(ROOT, 'src/components');
  const entries = readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).filter((f) => /^ab-.*\.ts$/.test(f)).map((f) => `./${d}/${f}`));
  await build({
    stdin: { contents: entries.map((e) => `import '${e.replace(/\.ts$/, '.js')}';`).join('\n'), resolveDir: dir, loader: 'ts' },
    outfile: join(OUT_DIR, outfile),
    // The root package.json's `sideEffects` lists dist/ only, so esbuild would drop these src/ imports.
    ignoreAnnotations: true,
    bundle: true,
    minify,
    format: 'esm',
    target: 'es2022',
    logLevel: 'error',
  });
  return entries;
}

/** esbuild, minified, NODE_ENV=production, ES module: the bundle an app using the peer would ship. */
export async function buildPeers() {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const peer of PEERS) {
    await build({
      entryPoints: [join(BENCH_DIR, 'peers', `${peer}.jsx`)],
      outfile: join(OUT_DIR, `${peer}.js`),
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'inline',
      logLevel: 'error',
      nodePaths: [join(BENCH_DIR, 'node_modules')],
    });
  }
}

const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

/** Gzip-9 bytes: ours = every file of dist/cdn/ (as tools/size.js counts it), each peer = its one bundle. */
export function bundleSizes() {
  const ours = files(OURS_DIR).reduce((n, f) => n + gz(readFileSync(f)), 0);
  const sizes = { ours };
  const raw = { ours: files(OURS_DIR).reduce((n, f) => n + statSync(f).size, 0) };
  for (const peer of PEERS) {
    const buf = readFileSync(join(OUT_DIR, `${peer}.js`));
    sizes[peer] = gz(buf);
    raw[peer] = buf.length;
  }
  return { gzip: sizes, raw };
}

/**
 * Where our bytes go: minified bytes per source module of src/cdn.ts, from an esbuild metafile (the CDN build
 * itself is Vite's, so the sum differs slightly; the shares are what matter). Top `n` modules.
 */
export async function oursBreakdown(n = 15) {
  const r = await build({ entryPoints: [join(ROOT, 'src/cdn.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022', write: false, metafile: true, logLevel: 'error' });
  const by = {};
  for (const out of Object.values(r.metafile.outputs)) {
    for (const [input, o] of Object.entries(out.inputs)) {
      const k = input.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
      by[k] = (by[k] ?? 0) + o.bytesInOutput;
    }
  }
  return Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, n);
}
