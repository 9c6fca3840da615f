#!/usr/bin/env node
// npm run bench: speed and size of ab-elements next to RJSF and JSON Forms, measured in one Chromium run.
//
//   node bench/run.js                 full run: writes bench/results.json, bench/notes.json and BENCHMARKS.md
//   node bench/run.js --quick         3 warm-ups + 5 samples, prints the table only (writes nothing)
//   node bench/run.js --only form-keystroke   benchmarks whose name contains the text (writes nothing)
//   node bench/run.js --skip-build    reuse dist/ (when present) instead of running `npm run build`
//   node bench/run.js --from-src      time the elements bundled straight from src/ (work in progress; writes nothing)
//   node bench/run.js --report        regenerate BENCHMARKS.md from bench/results.json + bench/notes.json
//
// Method (see BENCHMARKS.md): one page per benchmark; contenders interleaved A B C A B C ...; warm-up rounds
// discarded; every sample timed inside the page with performance.now() around the work plus a forced layout.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBenchDeps, buildOurs, buildOursFromSrc, buildPeers, bundleSizes, oursBreakdown, OURS_DIR } from './lib/build.js';
import { BENCH_DIR, ROOT } from './lib/paths.js';
import { serve } from './lib/server.js';
import { median, quantile, roundMs, roundRatio } from './lib/stats.js';
import { printTable, writeBenchmarksMd } from './lib/report.js';
import { plan } from './lib/plan.js';

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const QUICK = flag('--quick');
const ONLY = opt('--only', null);
const WARMUP = Number(opt('--warmup', QUICK ? 3 : 5));
const SAMPLES = Number(opt('--samples', QUICK ? 5 : 20));
const FROM_SRC = flag('--from-src');
const WRITE = !QUICK && !ONLY && !FROM_SRC;
const OURS_URL = FROM_SRC ? '/bench/.build/ours-src.js' : '/bench/.build/cdn/ab-elements.js';
const SAMPLE_TIMEOUT_MS = 60_000;

function withTimeout(p, ms, what) {
  let timer;
  const limit = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer after ${ms} ms`)), ms)));
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function runOne(browser, url, bench, notes) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e.message ?? e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  try {
    await page.goto(`${url}/bench/page/index.html`);
    await page.waitForFunction(() => window.bench?.ready);
    await page.evaluate((u) => window.bench.loadOurs(u), OURS_URL);
    const { contenders, skipped } = await page.evaluate(([n, p]) => window.bench.prepare(n, p), [bench.kind, bench.params]);
    for (const [c, why] of Object.entries(skipped)) notes.push(`${bench.name}: ${c} not measured: ${why}.`);
    const times = Object.fromEntries(contenders.map((c) => [c, []]));
    const checks = Object.fromEntries(contenders.map((c) => [c, []]));
    const frames = Object.fromEntries(contenders.map((c) => [c, []]));
    const late = Object.fromEntries(contenders.map((c) => [c, 0]));
    const failed = new Set();
    for (let round = 0; round < WARMUP + SAMPLES; round++) {
      for (const c of contenders) {
        if (failed.has(c)) continue;
        const r = await withTimeout(page.evaluate((c) => window.bench.sample(c), c), SAMPLE_TIMEOUT_MS, `${bench.name} ${c}`);
        if (r.error) {
          // A contender whose render threw is not timed at all (an unmounted tree would look fast).
          failed.add(c);
          delete times[c];
          delete checks[c];
          delete frames[c];
          delete late[c];
          notes.push(`${bench.name}: ${c} not measured: its form threw while rendering (${r.error.slice(0, 200)}).`);
          continue;
        }
        if (round >= WARMUP) {
          times[c].push(r.ms);
          checks[c].push(r.check);
          frames[c].push(r.frame);
          late[c] += r.late ?? 0;
        }
      }
    }
    await page.evaluate(() => window.bench.dispose());
    const uniqueErrors = [...new Set(pageErrors)];
    if (uniqueErrors.length) notes.push(`${bench.name}: page errors: ${uniqueErrors.slice(0, 3).join(' | ').slice(0, 400)}`);
    return { times, checks, frames, late };
  } finally {
    await context.close();
  }
}

function formRows(name, collapsedName, times, samples) {
  const ours = median(times.ours ?? []);
  const row = { name, unit: 'ms' };
  if (ours != null) row.ours = roundMs(ours);
  for (const peer of ['rjsf', 'jsonforms']) {
    if (!times[peer]) continue;
    row[peer] = roundMs(median(times[peer]));
    if (ours) row[`ratio_${peer}`] = roundRatio(median(times[peer]) / ours);
  }
  row.samples = samples;
  const rows = [order(row)];
  if (times.ours_collapsed) rows.push({ name: collapsedName, unit: 'ms', ours: roundMs(median(times.ours_collapsed)), samples });
  return rows;
}

const order = (r) => Object.fromEntries(['name', 'unit', 'ours', 'rjsf', 'jsonforms', 'ratio_rjsf', 'ratio_jsonforms', 'samples'].filter((k) => k in r).map((k) => [k, r[k]]));

function spread(times) {
  return Object.fromEntries(Object.entries(times).map(([c, t]) => [c, { p25: roundMs(quantile(t, 0.25)), median: roundMs(median(t)), p75: roundMs(quantile(t, 0.75)), min: roundMs(Math.min(...t)), max: roundMs(Math.max(...t)) }]));
}

/** The measured source: BENCH_COMMIT, else the checkout's HEAD, flagged when src/ has uncommitted changes. */
function commitOf() {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const git = (...a) => execFileSync('git', ['-C', ROOT, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') ? `${head} with uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

async function main() {
  if (flag('--report')) {
    const json = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8'));
    const extra = existsSync(join(BENCH_DIR, 'notes.json')) ? JSON.parse(readFileSync(join(BENCH_DIR, 'notes.json'), 'utf8')) : {};
    printTable(json);
    writeBenchmarksMd(json, extra);
    return;
  }
  const started = Date.now();
  const load = loadavg()[0];
  ensureBenchDeps();
  if (FROM_SRC) console.log(`bench: bundled from src: ${(await buildOursFromSrc()).join(', ')}`);
  const buildNote = !FROM_SRC || existsSync(join(ROOT, 'dist/cdn/ab-elements.js')) ? buildOurs({ skip: flag('--skip-build') || FROM_SRC }) : null;
  await buildPeers();
  const sizes = existsSync(join(OURS_DIR, 'ab-elements.js')) ? bundleSizes() : null;
  const breakdown = sizes ? await oursBreakdown() : null;

  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-gpu', '--js-flags=--expose-gc'],
  });
  const notes = buildNote ? [buildNote] : [];
  const spreads = {};
  const results = [];
  try {
    // Which of our elements the CDN build defines (the others' rows are reported as not run).
    const probe = await browser.newPage();
    await probe.goto(`${server.url}/bench/page/index.html`);
    await probe.waitForFunction(() => window.bench?.ready);
    const have = await probe.evaluate((u) => window.bench.loadOurs(u), OURS_URL);
    const isolated = await probe.evaluate(() => window.bench.isolated);
    const hasGc = await probe.evaluate(() => window.bench.hasGc);
    await probe.close();
    if (!isolated) notes.push('The page was not cross-origin isolated: performance.now() resolution was 100 µs.');
    if (!hasGc) notes.push('gc() was not exposed: garbage collection may fall inside samples.');

    for (const bench of plan(server.url, ONLY)) {
      if (!have[bench.needs] && bench.needs !== 'form') {
        notes.push(`${bench.name}: not run: <ab-${{ form: 'source-form', picker: 'source-picker', explorer: 'stream-explorer' }[bench.needs]}> is not in dist/cdn yet.`);
        continue;
      }
      if (!have[bench.needs]) notes.push(`${bench.name}: <ab-source-form> is not in dist/cdn yet: peers only.`);
      const t0 = Date.now();
      process.stdout.write(`bench: ${bench.name} ... `);
      let out;
      try {
        out = await runOne(browser, server.url, bench, notes);
      } catch (e) {
        console.log('FAILED');
        notes.push(`${bench.name}: failed: ${String(e.message ?? e).split('\n')[0].slice(0, 300)}`);
        continue;
      }
      const { times, checks, frames, late } = out;
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
      spreads[bench.name] = spread(times);
      spreads[bench.name].next_frame = Object.fromEntries(Object.entries(frames).map(([c, f]) => [c, roundMs(median(f))]));
      for (const [c, n] of Object.entries(late)) {
        if (n) {
          notes.push(`${bench.name}: ${c} ran ${n} more update${n > 1 ? 's' : ''} in the frames after its ${SAMPLES} measured samples (e.g. from a ResizeObserver), work the measured time does not include; ` +
            `the next frame's busy time was ${roundMs(median(frames[c]))} ms (median).`);
        }
      }
      if (bench.kind === 'form-first-render') {
        results.push(...formRows(bench.name, `form-first-render-collapsed:${bench.params.connector}`, times, SAMPLES));
        const controls = Object.fromEntries(Object.entries(checks).map(([c, ch]) => [c, ch[0]?.controls]));
        spreads[bench.name].controls = controls;
      } else if (bench.kind === 'form-keystroke') {
        results.push(...formRows(bench.name, `form-keystroke-collapsed:${bench.params.connector}`, times, SAMPLES));
        for (const [c, ch] of Object.entries(checks)) {
          const bad = ch.filter((x) => !x.ok).length;
          if (bad) notes.push(`${bench.name}: ${c}: after ${bad} of ${ch.length} keystrokes the field did not hold the typed text.`);
        }
      } else {
        results.push({ name: bench.name, unit: 'ms', ours: roundMs(median(times.ours)), samples: SAMPLES });
        if (bench.kind === 'explorer-first-render') {
          const counts = checks.ours.map((c) => c.elements);
          results.push({ name: 'explorer-dom-elements', unit: 'elements', ours: median(counts), samples: counts.length });
        }
        if (bench.kind === 'explorer-select-all') {
          const missing = checks.ours.filter((c) => !c.event).length;
          if (missing) notes.push(`explorer-select-all: ${missing} of ${checks.ours.length} clicks fired no ab-streams-change inside the timed work.`);
          spreads[bench.name].selected = [...new Set(checks.ours.map((c) => `${c.label}: ${c.selected}`))];
        }
        if (bench.kind.endsWith('-keystroke')) spreads[bench.name].elements = median(checks.ours.map((c) => c.elements));
      }
    }
    const bundle = sizes && { name: 'bundle-gzip', unit: 'bytes', ours: sizes.gzip.ours, rjsf: sizes.gzip.rjsf, jsonforms: sizes.gzip.jsonforms, ratio_rjsf: roundRatio(sizes.gzip.rjsf / sizes.gzip.ours), ratio_jsonforms: roundRatio(sizes.gzip.jsonforms / sizes.gzip.ours), samples: 1 };
    if (bundle && (!ONLY || 'bundle-gzip'.includes(ONLY))) {
      results.push(bundle);
      spreads['bundle-gzip'] = { raw: sizes.raw, ours_minified_bytes_by_module: breakdown };
    }

    const json = {
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memory_gb: Math.round(totalmem() / 2 ** 30),
        os: `${type()} ${release()}`,
        node: process.version,
        browser: `Chromium ${browser.version()} (headless)`,
        load_average_at_start: Math.round(load * 100) / 100,
      },
      date: new Date().toISOString(),
      results,
    };
    const extra = { commit: commitOf(), warmup: WARMUP, samples: SAMPLES, duration_s: Math.round((Date.now() - started) / 1000), notes, spreads };
    printTable(json);
    for (const n of notes) console.log(`note: ${n}`);
    console.log(`\nbench: ${extra.duration_s} s in all`);
    if (WRITE) {
      writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(json, null, 2) + '\n');
      writeFileSync(join(BENCH_DIR, 'notes.json'), JSON.stringify(extra, null, 2) + '\n');
      writeBenchmarksMd(json, extra);
      console.log('wrote bench/results.json, bench/notes.json, BENCHMARKS.md');
    } else {
      console.log('(partial run: nothing written)');
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
