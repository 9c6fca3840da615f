/** The connector-spec engine: spec → form model → values, validation and the submitted config. Pure, no DOM. */
export * from './types.js';
export { buildModel, toConnectorSpec, typeOf, sortFields, sectionize, inRequiredBand } from './model.js';
export { parseDescription, descriptionText, safeUrl, decodeEntities, type DescNode, type DescElement } from './description.js';
export { initialValue, initialOf, fill, selectedOption, defaultOption, switchOption, toSubmitValue, getAt, setAt, pointer, fits, clone, SECRET_MASK, JsonText } from './value.js';
export { validateField, validateAll, fieldError, schemaError, compilePattern, isEmpty, walk, type ValidationError, type ErrorKey, type Translate } from './validate.js';
export { itemSummary } from './summary.js';
