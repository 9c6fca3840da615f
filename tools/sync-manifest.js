#!/usr/bin/env node
// After `cem analyze`: keep the top-level manifest deterministic and copy it into dist/ when built.
import { existsSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
const m = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
m.modules.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync('custom-elements.json', JSON.stringify(m, null, 2) + '\n');
if (existsSync('dist')) copyFileSync('custom-elements.json', 'dist/custom-elements.json');
