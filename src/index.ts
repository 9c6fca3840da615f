// Classes and types only: importing this module defines no element (use the per-element entries).
export { AbElement } from './internal/ab-element.js';
export { en, type Translations, type TranslationKey } from './translations/en.js';
