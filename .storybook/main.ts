import type { StorybookConfig } from '@storybook/web-components-vite';
import { esbuildTs } from '../tools/esbuild-ts.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  staticDirs: [{ from: '../fixtures/connectors', to: '/fixtures/connectors' }],
  core: { disableTelemetry: true },
  viteFinal: async (c) => ({ ...c, oxc: false, plugins: [...(c.plugins ?? []), esbuildTs()] }),
};
export default config;
