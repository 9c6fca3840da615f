// Browser tests in Debian Chromium (see ../shared/reference/toolchain.md §7).
// One sandbox (the local Embedded API) runs for the whole test run; tests reach it through
// test/harness/sandbox.ts (server commands answered by test/harness/sandbox-plugin.js).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { sandboxPlugin } from './test/harness/sandbox-plugin.js';
import { oauthPopupPlugin } from './test/oauth-popup.plugin.js';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const args = ['--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'];

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    sandboxPlugin({ checkDelayMs: 300, log: process.env.AB_SANDBOX_LOG === '1' }),
    oauthPopupPlugin(),
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args } })],
};
