/**
 * Defines a custom element once. A second definition (the CDN build loaded twice, or two copies of the
 * package on one page) logs a warning instead of throwing, so one page cannot break another script.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`[ab-elements] <${tag}> is already defined; this copy was not registered. Load ab-elements once per page.`);
    return;
  }
  customElements.define(tag, ctor);
}
