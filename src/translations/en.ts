/**
 * Every built-in string of the kit. Elements read them through `this.t(key, ...args)` inside `render()`,
 * so a host can override any of them per element with `el.i18n = { key: ... }`.
 * Functions take the values they interpolate (plurals are decided here).
 */
export const en = {
  loading: 'Loading…',
  retry: 'Retry',
  cancel: 'Cancel',
  refresh: 'Refresh',
  errorTitle: 'Something went wrong',
  sessionExpired: 'Your session has expired. Waiting for a new token…',
  sessionExpiredRetry: 'Your session has expired.',
  noToken: 'No token was given to this element.',
  apiErrorNetwork: 'Could not reach the server. Check your connection and try again.',
  apiErrorTimeout: 'The server took too long to answer. Try again.',
  apiErrorServer: 'The server had a problem. Try again in a moment.',
  apiErrorRateLimited: 'Too many requests. Wait a moment and try again.',
  apiErrorForbidden: 'This session is not allowed to do that.',
  apiErrorNotFound: 'This item no longer exists.',
  apiErrorInvalidToken: 'The token given to this element is not valid.',
  apiErrorMalformed: 'The server sent an answer that could not be read.',
  apiErrorValidation: 'Some values were not accepted.',
  pickerLabel: 'Choose a data source',
  pickerSearchPlaceholder: 'Search sources…',
  pickerToggle: 'Show sources',
  pickerTagsLabel: 'Filter by tag',
  pickerLoading: 'Loading sources…',
  pickerEmpty: 'No sources are available yet.',
  pickerNoResults: (query: string) => (query ? `No sources match “${query}”.` : 'No sources match the selected tags.'),
  pickerClearSearch: 'Clear search',
  pickerResultCount: (n: number) => (n === 0 ? 'No sources found' : n === 1 ? '1 source found' : `${n} sources found`),
} satisfies Record<string, string | ((...args: never[]) => string)>;

/** The shape of a translation table; a partial table overrides the English one. */
export type Translations = { [K in keyof typeof en]: (typeof en)[K] };
export type TranslationKey = keyof Translations;
