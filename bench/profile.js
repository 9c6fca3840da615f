#!/usr/bin/env node
// Where does the time of one benchmark go? Runs it like bench/run.js does, but on our elements bundled
// unminified from src/ (names kept), under the Chromium CPU profiler, and prints self time by source module
// and by function. For element owners chasing a missed goal.
//
//   node bench/profile.js form-first-render:postgres            (contender: ours)
//   node bench/profile.js form-keystroke:s3 rjsf --samples 50
//   node bench/profile.js explorer-select-all --json /tmp/select-all.cpuprofile   (open in DevTools)
//   node bench/profile.js explorer-select-all --trace   Chromium trace instead: time per renderer event
//                                                        (style recalc, layout, GC, script, …) per sample
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOursFromSrc, buildPeers, ensureBenchDeps, OUT_DIR } from './lib/build.js';
import { plan } from './lib/plan.js';
import { serve } from './lib/server.js';

const argv = process.argv.slice(2);
const opt = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const positional = argv.filter((a, i) => !a.startsWith('--') && !['--samples', '--json'].includes(argv[i - 1]));
const [name, contender = 'ours'] = positional;
const SAMPLES = Number(opt('--samples', 30));
const OUT = opt('--json', null);
const TRACE = argv.includes('--trace');
// --cdn: profile the last CDN build snapshot (bench/.build/cdn, minified: names are mangled) instead of src/.
const CDN = argv.includes('--cdn');
if (!name) {
  console.error('usage: node bench/profile.js <benchmark> [ours|ours_collapsed|rjsf|jsonforms] [--samples N] [--json file.cpuprofile]');
  process.exit(2);
}

ensureBenchDeps();
if (!CDN) await buildOursFromSrc({ minify: false, outfile: 'ours-dev.js' });
await buildPeers();
// Line → source module, from the `// src/...` comments esbuild writes before each module in unminified output.
const bundleLines = CDN ? [] : readFileSync(join(OUT_DIR, 'ours-dev.js'), 'utf8').split('\n');
const moduleAt = [];
let mod = '?';
for (const l of bundleLines) {
  const m = /^\/\/ (?:.*?\/)?((?:src|node_modules)\/\S+)$/.exec(l);
  if (m) mod = m[1].replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
  moduleAt.push(mod);
}

/** Records a Chromium trace over the samples and prints the renderer main thread's time per event name:
 * the browser-side view (style, layout, paint, GC) that a JS profile attributes to whatever forced it. */
async function traceRun(browser, page) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
  const times = [];
  const marks = [];
  for (let i = 0; i < SAMPLES; i++) {
    const r = await page.evaluate(async (c) => {
      const res = await window.bench.sample(c);
      return res;
    }, contender);
    times.push(r.ms);
  }
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString());
  // The renderer main thread: the one running the bench's FunctionCall events from the page.
  const main = traceEvents.find((e) => e.name === 'TracingStartedInBrowser') && traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tids = new Set(main.map((e) => `${e.pid}:${e.tid}`));
  const sum = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !tids.has(`${e.pid}:${e.tid}`) || !e.dur) continue;
    sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`${name} ${contender}: median ${times[times.length >> 1].toFixed(2)} ms over ${SAMPLES} samples (traced)\n`);
  console.log('renderer main thread, total duration per event name per sample (events nest: totals overlap):');
  for (const [n, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(ms / SAMPLES).toFixed(3).padStart(9)} ms  ${n}`);
  console.log('\n(includes the bench page\'s untimed set-up between samples: data generation, gc())');
  await browser.close();
  await server.close();
}

const server = await serve();
const bench = plan(server.url).find((b) => b.name === name);
if (!bench) {
  console.error(`no benchmark named ${name}`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-gpu', '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/page/index.html`);
  await page.waitForFunction(() => window.bench?.ready);
  await page.evaluate((u) => window.bench.loadOurs(u), CDN ? '/bench/.build/cdn/ab-elements.js' : '/bench/.build/ours-dev.js');
  const { contenders } = await page.evaluate(([n, p]) => window.bench.prepare(n, p), [bench.kind, bench.params]);
  if (!contenders.includes(contender)) throw new Error(`${contender} does not run in ${name} (contenders: ${contenders.join(', ')})`);
  for (let i = 0; i < 5; i++) await page.evaluate((c) => window.bench.sample(c), contender);
  if (TRACE) {
    await traceRun(browser, page);
    process.exit(0);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const times = [];
  for (let i = 0; i < SAMPLES; i++) times.push((await page.evaluate((c) => window.bench.sample(c), contender)).ms);
  const { profile } = await cdp.send('Profiler.stop');
  if (OUT) writeFileSync(OUT, JSON.stringify(profile));
  times.sort((a, b) => a - b);
  console.log(`${name} ${contender}: median ${times[times.length >> 1].toFixed(2)} ms over ${SAMPLES} samples (profiled, unminified: slower than the bench)\n`);

  // Self time per node, from the sample deltas.
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const fnTotals = new Map();
  const modTotals = new Map();
  let busy = 0;
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    busy += ms;
    let where;
    if (f.url.endsWith('/ours-dev.js')) where = moduleAt[f.lineNumber] ?? '?';
    else if (f.url.includes('/.build/')) where = f.url.replace(/.*\/\.build\//, 'peer:');
    else if (!f.url) where = f.functionName.startsWith('(') ? f.functionName : '(native)';
    else where = f.url.replace(/^https?:\/\/[^/]+\//, '');
    const fn = `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}`;
    fnTotals.set(fn, (fnTotals.get(fn) ?? 0) + ms);
    modTotals.set(where, (modTotals.get(where) ?? 0) + ms);
  }
  const per = (ms) => `${(ms / SAMPLES).toFixed(3).padStart(8)} ms/sample ${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  console.log('self time by module (excluding idle):');
  for (const [m, ms] of [...modTotals].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${per(ms)}  ${m}`);
  console.log('\nself time by function:');
  for (const [f, ms] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${per(ms)}  ${f}`);
  console.log('\n(the bench page\'s own set-up and clean-up between samples is included: bench/page/*, structuredClone, gc)');
} finally {
  await browser.close();
  await server.close();
}
