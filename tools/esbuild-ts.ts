// Vite 8 (Oxc) leaves TC39 `@dec accessor` untransformed; run .ts files through esbuild first.
// See ../shared/reference/toolchain.md §5–6.
import { transform } from 'esbuild';
import type { Plugin } from 'vite';

export const esbuildTs = (target = 'es2022'): Plugin => ({
  name: 'esbuild-ts',
  enforce: 'pre',
  async transform(code, id) {
    if (!/\.ts$/.test(id.split('?')[0]) || id.includes('/node_modules/')) return null;
    const r = await transform(code, { loader: 'ts', target, sourcemap: true, sourcefile: id });
    return { code: r.code, map: r.map };
  },
});
