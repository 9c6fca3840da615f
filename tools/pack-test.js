#!/usr/bin/env node
// Packaging test: npm pack, install the tarball into a temporary project, import every public entry
// in Node (no DOM), then load the CDN entry in Chromium and check that every element is defined.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'ab-pack-'));
try {
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tgz)], { cwd: dir, stdio: 'inherit' });
  const entries = Object.keys(pkg.exports).filter((k) => !k.endsWith('.json')).map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
  const script = entries.map((e) => `await import(${JSON.stringify(e)}); console.log('node import ok: ${e}');`).join('\n') + `\nawait import('ab-elements/custom-elements.json', { with: { type: 'json' } }); console.log('manifest ok');`;
  writeFileSync(join(dir, 'check.mjs'), script);
  execFileSync('node', ['check.mjs'], { cwd: dir, stdio: 'inherit' });

  const cdnDir = join(dir, 'node_modules', pkg.name, 'dist', 'cdn');
  const tags = JSON.parse(readFileSync('custom-elements.json', 'utf8')).modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><script type="module" src="/ab-elements.js"></script><script type="module" src="/ab-elements.js?again"></script>`);
      return;
    }
    try {
      const body = readFileSync(resolve(cdnDir, '.' + new URL(req.url, 'http://x').pathname));
      res.setHeader('content-type', 'text/javascript');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction((tags) => tags.every((t) => customElements.get(t)), tags, { timeout: 10000 });
    if (errors.length) throw new Error(`CDN build threw in Chromium: ${errors.join('; ')}`);
    console.log(`cdn ok in Chromium (loaded twice without throwing): ${tags.join(', ') || '(no elements yet)'}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
