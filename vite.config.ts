import { defineConfig } from 'vite';
import { esbuildTs } from './tools/esbuild-ts.ts';
import { minifyTemplatesPlugin } from './tools/minify-templates.ts';

/**
 * The script-tag build: `dist/cdn/ab-elements.js`, one ES module with Lit bundled in, defining every
 * element. (The npm build is plain `tsc`, unbundled; see tools/build.js.) Also used by the demo
 * (`npm start`) and Storybook through `esbuildTs`, which fixes TC39 decorators under Vite 8.
 */
export default defineConfig({
  oxc: false,
  plugins: [esbuildTs(), minifyTemplatesPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    minify: 'oxc',
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'src/cdn.ts',
      preserveEntrySignatures: 'exports-only',
      // Keep the license notices of the bundled code (Lit).
      output: { format: 'es', entryFileNames: 'ab-elements.js', chunkFileNames: '[name]-[hash].js', comments: { legal: true } },
    },
  },
});
