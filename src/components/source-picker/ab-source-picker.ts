import { define } from '../../internal/define.js';
import { AbSourcePicker } from './source-picker.js';

export { AbSourcePicker } from './source-picker.js';
export { AbSourceSelectEvent, type AbSourceSelectDetail } from './source-picker.events.js';
export { SOURCE_PICKER_VARIANTS, type SourcePickerVariant, type SourcePickerTagsMode } from './source-picker.types.js';

define('ab-source-picker', AbSourcePicker);

declare global {
  interface HTMLElementTagNameMap {
    'ab-source-picker': AbSourcePicker;
  }
}
