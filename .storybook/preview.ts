import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Controls and docs come from the generated manifest (npm run analyze).
setCustomElementsManifest(manifest);

export default {
  parameters: { a11y: { test: 'error' }, controls: { expanded: true } },
};
