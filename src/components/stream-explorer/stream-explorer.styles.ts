import { css } from 'lit';

// One rule per line. Tokens, colours, `button`, `.ab-button`, `.ab-spinner` and focus rings come from hostStyles.
// Row heights (44px) and the header (36px) match ROW and HEAD in stream-explorer.ts.
export const styles = css`
  :host { display: block; --_ab-stream-explorer-height: var(--ab-stream-explorer-height, 480px); }
  .base, .empty, .pending, .error { display: flex; flex-direction: column; gap: var(--_ab-space-s); }
  .toolbar, .actions, .filters, .status, label, .c-name, .c-span { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_ab-space-s); }
  .c-name, .c-span { flex-wrap: nowrap; gap: var(--_ab-space-xs); }
  input[type='search'], select { font: inherit; color: inherit; background: var(--_ab-color-bg); border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-s); min-block-size: 32px; padding-inline: var(--_ab-space-s); }
  input[type='search'] { flex: 1 1 14rem; }
  input[type='checkbox'] { margin: 0; inline-size: 16px; block-size: 16px; flex: none; }
  .summary, .note, .sub, .badge, .link, .head, .row:not([aria-level='1']) { margin: 0; font-size: var(--_ab-font-size-s); }
  .summary, .note, .sub, .twisty { color: var(--_ab-color-text-muted); }
  .grid { position: relative; overflow: auto; border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-m); contain: strict; }
  .head, .body { inline-size: max(100%, 64rem); }
  .head { position: sticky; top: 0; z-index: 2; block-size: 36px; background: var(--_ab-color-surface); border-block-end: 1px solid var(--_ab-color-border); font-weight: 600; }
  .body { position: relative; }
  .row { display: grid; grid-template-columns: minmax(15rem, 2.4fr) minmax(9rem, 1.3fr) 8.5rem 9.5rem 9.5rem minmax(8rem, 1.2fr); align-items: center; column-gap: var(--_ab-space-s); padding-inline: var(--_ab-space-s); }
  .body .row { position: absolute; inset-inline: 0; top: 0; block-size: 44px; border-block-end: 1px solid var(--_ab-color-surface); contain: strict; }
  .body .row:focus-visible { outline-offset: -2px; }
  .row:not([aria-level='1']) { background: var(--_ab-color-surface); }
  [aria-selected='true'] .name { font-weight: 600; }
  .cell, .label > span { min-inline-size: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  .c-name { padding-inline-start: calc(var(--depth, -1) * 1.25rem + 1.25rem); }
  .c-span { grid-column: 3 / -1; }
  .twisty { flex: none; inline-size: 1.25rem; text-align: center; cursor: pointer; transition: transform 0.1s; }
  .twisty[data-open] { transform: rotate(90deg); }
  :host(:dir(rtl)) .twisty:not([data-open]) { transform: scaleX(-1); }
  .twisty[data-none] { visibility: hidden; }
  .label { display: flex; flex-direction: column; min-inline-size: 0; line-height: 1.25; }
  .badge { padding-inline: var(--_ab-space-xs); border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-s); margin-inline-end: 2px; }
  [data-kind='pii'], [data-kind='warn'] { border-color: var(--_ab-color-danger); color: var(--_ab-color-danger); }
  [data-kind='suggested'] { border-color: var(--_ab-color-success); color: var(--_ab-color-success); }
  [data-unknown] { font-style: italic; }
  .cell select { max-inline-size: 100%; min-block-size: 28px; }
  .link { border: 0; background: none; padding: 0; color: var(--_ab-color-primary); text-decoration: underline; margin-inline-end: var(--_ab-space-s); }
  mark { background: var(--_ab-color-highlight); color: inherit; }
  .empty, .pending, .error { padding: var(--_ab-space-l); border: 1px dashed var(--_ab-color-border); border-radius: var(--_ab-radius-m); align-items: center; text-align: center; }
  .error { border: 1px solid var(--_ab-color-danger); }
`;
