#!/usr/bin/env node
// What each part adds to the combined CDN bundle (gzip-9, esbuild minify; close to the real build).
// "marginal X" = size(all elements) − size(all elements but X). Run from the repo root.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const gz = async (contents) => {
  const r = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', target: 'es2022', write: false, logLevel: 'error' });
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
};
const els = {
  form: "import './src/components/source-form/ab-source-form.ts';",
  picker: "import './src/components/source-picker/ab-source-picker.ts';",
  explorer: "import './src/components/stream-explorer/ab-stream-explorer.ts';",
};
console.log('cdn entry (src/cdn.ts)'.padEnd(40), await gz("export * from './src/cdn.ts';"));
const all = await gz(Object.values(els).join('\n'));
console.log('three define modules'.padEnd(40), all);
for (const k of Object.keys(els)) {
  const rest = Object.entries(els).filter(([n]) => n !== k).map(([, v]) => v).join('\n');
  console.log(`marginal ${k}`.padEnd(40), all - (await gz(rest)));
}
console.log('base: AbApiElement + lit + @lit/task'.padEnd(40), await gz("export * from './src/internal/api-element.ts'; export { Task } from '@lit/task';"));
console.log('spec engine alone'.padEnd(40), await gz("export * from './src/spec/index.ts'"));
console.log('api alone'.padEnd(40), await gz("export * from './src/api/index.ts'"));
console.log('en strings alone'.padEnd(40), await gz("export * from './src/translations/en.ts'"));
