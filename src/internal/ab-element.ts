import { LitElement, type PropertyDeclarations } from 'lit';
import { en, type TranslationKey, type Translations } from '../translations/en.js';
import { hostStyles } from './theme.styles.js';

type Args<K extends TranslationKey> = Translations[K] extends (...a: infer A) => string ? A : [];

/**
 * Base class of every ab-* element: design tokens, the `theme` attribute, per-element string overrides
 * (`i18n`) and a polite live region for announcements.
 */
export class AbElement extends LitElement {
  static override styles = [hostStyles];
  // `static properties` rather than decorators: every element pays for its base classes, and decorated
  // accessors cost more bytes (per field, and they turn the class's #privates into WeakMaps).
  static override properties: PropertyDeclarations = { theme: { reflect: true }, i18n: { attribute: false } };

  /** Colour theme: `light`, `dark`, or `auto` (follow `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';

  /** Overrides for built-in strings (any subset of the English table in `src/translations/en.ts`). */
  declare i18n: Partial<Translations>;

  constructor() {
    super();
    this.theme = 'auto';
    this.i18n = {};
  }

  #internals?: ElementInternals;

  /** The element's `ElementInternals`, attached on first use (custom states, form association). */
  protected get internals(): ElementInternals | undefined {
    return (this.#internals ??= this.attachInternals?.());
  }

  /** Turns each custom state (`:state(name)`) on or off. */
  protected setStates(states: Record<string, boolean>): void {
    try {
      for (const [name, on] of Object.entries(states)) this.internals?.states[on ? 'add' : 'delete'](name);
    } catch {
      /* an engine without custom state names */
    }
  }

  /** Translates a built-in string, honouring `i18n` overrides. */
  protected t<K extends TranslationKey>(key: K, ...args: Args<K>): string {
    const entry = (this.i18n?.[key] ?? en[key]) as string | ((...a: unknown[]) => string);
    return typeof entry === 'function' ? entry(...args) : entry;
  }

  /** The resolved language: the element's or nearest ancestor's `lang`, else the document's, else `en`. */
  protected get locale(): string {
    return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /**
   * Says `message` through the element's polite live region (render `liveRegion()` once in the template).
   * The text is cleared first so that repeating the same message is announced again.
   */
  protected announce(message: string): void {
    const region = this.renderRoot?.querySelector?.('[data-ab-live]');
    if (!region) return;
    region.textContent = '';
    requestAnimationFrame(() => {
      region.textContent = message;
    });
  }

  #announceTimer?: ReturnType<typeof setTimeout>;

  /**
   * Announces once things settle: after `delayMs` with no newer call (each call replaces the pending one, so
   * typing is read out once, when it pauses). `message` is asked for its text then ('' says nothing); no
   * `message` only cancels the pending one. Leaving the page cancels it too.
   */
  protected announceSoon(message: (() => string) | undefined, delayMs: number): void {
    clearTimeout(this.#announceTimer);
    if (message)
      this.#announceTimer = setTimeout(() => {
        const text = message();
        if (text) this.announce(text);
      }, delayMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }
}
