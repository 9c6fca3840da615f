import { css } from 'lit';

/** The dark palette's fallbacks, used by `theme="dark"` and by `auto` under a dark `prefers-color-scheme`. */
const darkPalette = css`
    --_ab-color-bg: var(--ab-color-bg, #16181d);
    --_ab-color-surface: var(--ab-color-surface, #1f232a);
    --_ab-color-text: var(--ab-color-text, #e8eaed);
    --_ab-color-text-muted: var(--ab-color-text-muted, #a4acb7);
    --_ab-color-border: var(--ab-color-border, #3b424d);
    --_ab-color-primary: var(--ab-color-primary, #a59cff);
    --_ab-color-primary-text: var(--ab-color-primary-text, #15131f);
    --_ab-color-danger: var(--ab-color-danger, #ff8a80);
    --_ab-color-success: var(--ab-color-success, #6fdd8b);
    --_ab-color-focus: var(--ab-color-focus, #a59cff);
    --_ab-color-highlight: var(--ab-color-highlight, #5c4d00);
    color-scheme: dark;
`;

/**
 * Design tokens, and the rules every element shares (`:host` display and colours, focus ring, buttons,
 * spinner, search highlights). Hosts theme the kit with the public `--ab-*` custom properties; every element
 * reads them through the private `--_ab-*` copies defined here, so `theme="dark"` and `prefers-color-scheme`
 * only change fallbacks and a host's own values always win.
 */
export const hostStyles = css`
  :host {
    --_ab-color-bg: var(--ab-color-bg, #ffffff);
    --_ab-color-surface: var(--ab-color-surface, #f6f7f9);
    --_ab-color-text: var(--ab-color-text, #1b1f24);
    --_ab-color-text-muted: var(--ab-color-text-muted, #57606a);
    --_ab-color-border: var(--ab-color-border, #c9ced6);
    --_ab-color-primary: var(--ab-color-primary, #4b3fd1);
    --_ab-color-primary-text: var(--ab-color-primary-text, #ffffff);
    --_ab-color-danger: var(--ab-color-danger, #b42318);
    --_ab-color-success: var(--ab-color-success, #1a7f37);
    --_ab-color-focus: var(--ab-color-focus, #4b3fd1);
    --_ab-color-highlight: var(--ab-color-highlight, #fff3b0);
    --_ab-radius-s: var(--ab-radius-s, 4px);
    --_ab-radius-m: var(--ab-radius-m, 8px);
    --_ab-font-family: var(--ab-font-family, system-ui, sans-serif);
    --_ab-font-size: var(--ab-font-size, 14px);
    --_ab-font-size-s: var(--ab-font-size-s, 12px);
    --_ab-space-xs: var(--ab-space-xs, 4px);
    --_ab-space-s: var(--ab-space-s, 8px);
    --_ab-space-m: var(--ab-space-m, 12px);
    --_ab-space-l: var(--ab-space-l, 20px);
    color-scheme: light;
    display: block;
    font-family: var(--_ab-font-family);
    font-size: var(--_ab-font-size);
    color: var(--_ab-color-text);
    /* Paint our own background: with theme="auto" and a dark OS setting, light text must never land on a
       light host page. Hosts that want the page to show through set --ab-color-bg: transparent. */
    background: var(--_ab-color-bg);
    box-sizing: border-box;
  }
  :host([theme=dark]) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme=light])) {
      ${darkPalette}
    }
  }
  /* The hidden attribute wins over every element's own display (e.g. a flex row): the UA rule alone loses. */
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  /* Elements only: the pseudo-elements here carry no padding or border, and matching ::before/::after on
     every element made each one resolve its own pseudo-element styles (first render 6–12% slower). */
  * {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_ab-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .ab-button {
    display: inline-flex;
    align-items: center;
    gap: var(--_ab-space-xs);
    padding: var(--_ab-space-xs) var(--_ab-space-m);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
    background: var(--_ab-color-bg);
    min-block-size: 32px;
  }
  .ab-button[data-variant=primary] {
    background: var(--_ab-color-primary);
    color: var(--_ab-color-primary-text);
    border-color: var(--_ab-color-primary);
  }
  .ab-button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .ab-error-text {
    color: var(--_ab-color-danger);
  }
  mark {
    background: var(--_ab-color-highlight);
    color: inherit;
  }
  @keyframes ab-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .ab-spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: ab-spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .ab-spinner {
      animation-duration: 2.4s;
    }
  }
`;
