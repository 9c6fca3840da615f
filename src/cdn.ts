// Entry of the script-tag build (dist/cdn/ab-elements.js): defines every element and exports what a
// script-tag page needs from JavaScript: the element and event classes, the client and its error type.
// (The full set of functions and types is in the npm entry, `ab-elements`.)
// The import order sets the module order in the bundle, and gzip finds more repeats in this one (form, picker,
// explorer) than in the others: measured −560 B gzip-9 against explorer-first. Re-measure before reordering.
import './components/source-form/ab-source-form.js';
import './components/source-picker/ab-source-picker.js';
import './components/stream-explorer/ab-stream-explorer.js';
export { AbElement } from './internal/ab-element.js';
export { AbApiElement } from './internal/api-element.js';
export { AbErrorEvent, AbTokenExpiredEvent } from './internal/common.events.js';
export { EmbeddedClient, getSharedClient, ApiError, isAbortError, parseToken } from './api/index.js';
export { AbSourcePicker } from './components/source-picker/source-picker.js';
export { AbSourceSelectEvent } from './components/source-picker/source-picker.events.js';
export { AbSourceForm } from './components/source-form/source-form.js';
export { AbBeforeSubmitEvent, AbCheckEvent, AbSourceCreatedEvent, AbSourceUpdatedEvent, AbSubmitEvent } from './components/source-form/source-form.events.js';
export { AbOAuthEvent } from './components/source-form/oauth.events.js';
export { AbStreamExplorer } from './components/stream-explorer/stream-explorer.js';
export { AbStreamsChangeEvent, AbCatalogLoadEvent } from './components/stream-explorer/stream-explorer.events.js';
