/** Layouts of `<ab-source-picker>`. */
export const SOURCE_PICKER_VARIANTS = ['grid', 'list', 'dropdown'] as const;
export type SourcePickerVariant = (typeof SOURCE_PICKER_VARIANTS)[number];

/** How the `tags` of `<ab-source-picker>` are matched: `any` = at least one, `all` = every one. */
export type SourcePickerTagsMode = 'any' | 'all';

/** Reads `tags` given as an attribute or a property: space- or comma-separated, or an array. */
export function parseTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return [...new Set(list.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter(Boolean))];
}
