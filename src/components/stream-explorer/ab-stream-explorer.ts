import { define } from '../../internal/define.js';
import { AbStreamExplorer } from './stream-explorer.js';

export { AbStreamExplorer };
export * from './stream-explorer.events.js';
export * from './stream-explorer.types.js';

define('ab-stream-explorer', AbStreamExplorer);

declare global {
  interface HTMLElementTagNameMap {
    'ab-stream-explorer': AbStreamExplorer;
  }
}
