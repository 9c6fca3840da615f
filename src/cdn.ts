// Entry of the script-tag build (dist/cdn/ab-elements.js): defines every element, exports every class.
export * from './index.js';
import './components/stream-explorer/ab-stream-explorer.js';
import './components/source-picker/ab-source-picker.js';
import './components/source-form/ab-source-form.js';
