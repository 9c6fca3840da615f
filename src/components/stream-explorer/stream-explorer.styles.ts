import { css } from 'lit';

// One rule per line. Tokens, colours, the host's display, `button`, `.ab-button`, `.ab-spinner`, `mark` and focus
// rings come from hostStyles.
// Row heights (44px) and the header (36px) match ROW and HEAD in stream-explorer.ts.
export const styles = css`
  .toolbar, .actions, .filters, .status, label, .cell, .box { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_ab-space-s); }
  .box { flex-direction: column; }
  .base { display: grid; gap: var(--_ab-space-s); }
  .cell { flex-wrap: nowrap; gap: var(--_ab-space-xs); overflow: hidden; white-space: nowrap; }
  .label { display: grid; line-height: 1.25; min-inline-size: 0; }
  .label > * { overflow: hidden; text-overflow: ellipsis; }
  [type=search], select { font: inherit; color: inherit; background: none; border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-s); min-block-size: 28px; max-inline-size: 100%; padding-inline: var(--_ab-space-xs); }
  [type=search] { flex: auto; min-block-size: 32px; }
  p, .sub, .badge, .link, .row:not([aria-level='1']) { margin: 0; font-size: var(--_ab-font-size-s); }
  p, .sub, .twisty { color: var(--_ab-color-text-muted); }
  .grid, .box { border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-m); }
  .grid { overflow: auto; contain: strict; }
  .row { display: grid; grid-template-columns: 2.4fr 1.3fr 8.5rem 9.5rem 9.5rem 1.2fr; align-items: center; gap: var(--_ab-space-s); padding-inline: var(--_ab-space-s); min-inline-size: 64rem; }
  .head { position: sticky; top: 0; z-index: 1; block-size: 36px; background: var(--_ab-color-surface); font-weight: 600; }
  .body { position: relative; }
  .body .row { position: absolute; inset-inline: 0; block-size: 44px; border-block-start: 1px solid var(--_ab-color-surface); contain: strict; outline-offset: -2px; }
  .row:not([aria-level='1']) { background: var(--_ab-color-surface); }
  [aria-selected=true] .name { font-weight: 600; }
  .c-name { padding-inline-start: calc(var(--depth) * 1.25rem); }
  [aria-colspan] { grid-column: 3 / -1; }
  .twisty, [type=checkbox] { flex: none; margin: 0; inline-size: 1em; cursor: pointer; }
  [data-open] { rotate: 90deg; }
  [data-none] { visibility: hidden; }
  .badge { padding-inline: var(--_ab-space-xs); border: 1px solid; border-radius: var(--_ab-radius-s); }
  [data-kind=warn] { color: var(--_ab-color-danger); }
  [data-kind=suggested] { color: var(--_ab-color-success); }
  [data-unknown] { font-style: italic; }
  .link { border: 0; background: none; padding: 0; color: var(--_ab-color-primary); text-decoration: underline; }
  .box { padding: var(--_ab-space-l); border-style: dashed; text-align: center; }
  .error { border: 1px solid var(--_ab-color-danger); }
`;
