// Entry of the script-tag build (dist/cdn/ab-elements.js): defines every element and exports what a
// script-tag page can use from JavaScript: the element classes (and their bases, to extend), the client and
// its error type. Event classes are not exported here: a page listens by event name and reads `e.detail`.
// (Everything, events and `parseToken` included, is in the npm entry, `ab-elements`.)
// The import order sets the module order in the bundle, and gzip finds more repeats in this one (the string
// table first, then form, picker, explorer) than in the others: measured −560 B gzip-9 for form-first against
// explorer-first, and −75 B more with the strings first (they have no side effects). Re-measure before reordering.
import './translations/en.js';
import './components/source-form/ab-source-form.js';
import './components/source-picker/ab-source-picker.js';
import './components/stream-explorer/ab-stream-explorer.js';
export { AbElement } from './internal/ab-element.js';
export { AbApiElement } from './internal/api-element.js';
export { EmbeddedClient, getSharedClient, ApiError, isAbortError } from './api/index.js';
export { AbSourcePicker } from './components/source-picker/source-picker.js';
export { AbSourceForm } from './components/source-form/source-form.js';
export { AbStreamExplorer } from './components/stream-explorer/stream-explorer.js';
