#!/usr/bin/env node
// Fails when the committed custom-elements.json differs from what `npm run analyze` would generate.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const before = readFileSync('custom-elements.json', 'utf8');
execFileSync('npm', ['run', '-s', 'analyze'], { stdio: ['ignore', 'ignore', 'inherit'] });
const after = readFileSync('custom-elements.json', 'utf8');
if (before !== after) {
  writeFileSync('custom-elements.json', before);
  console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
  process.exit(1);
}
console.log('custom-elements.json is current');
