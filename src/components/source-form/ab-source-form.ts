import { define } from '../../internal/define.js';
import { AbSourceForm } from './source-form.js';

export { AbSourceForm } from './source-form.js';
export { AbBeforeSubmitEvent, AbCheckEvent, AbSourceCreatedEvent, AbSourceUpdatedEvent, AbSubmitEvent } from './source-form.events.js';
export { AbOAuthEvent, type AbOAuthDetail } from './oauth.events.js';

define('ab-source-form', AbSourceForm);

declare global {
  interface HTMLElementTagNameMap {
    'ab-source-form': AbSourceForm;
  }
}
