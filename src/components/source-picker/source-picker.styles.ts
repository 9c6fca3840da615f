import { css } from 'lit';

// One rule per line; comments stay out of the template (they would ship). Tokens, `button`, `.ab-button`
// (chips and buttons), `.visually-hidden`, focus rings, `mark`, the host's display and background come from
// hostStyles. Notes:
// - .listbox::before/::after stand in for the rows not rendered when a long list is windowed (heights
//   --b/--a set by the element; the negative margins cancel the gap next to them).
// - The selected option shows a 2px ring (a border plus an inset shadow), not only a colour.
// - Icons sit on a light backdrop (--ab-source-picker-icon-bg): most connector icons are drawn for light
//   backgrounds.
// - .tags shows the tags that fit whole on one line (the rest wrap onto a clipped second line); a lone tag
//   wider than the room is cut with an ellipsis.
// - .popover is the dropdown's panel, in the top layer (popover attribute) and placed by
//   src/internal/position.ts, which sets --_w (the field's width) and --_h (the room left).
export const styles = css`
  .base { display: flex; flex-direction: column; gap: var(--_ab-space-s); }
  label { font-weight: 600; }
  .field { display: flex; align-items: center; gap: var(--_ab-space-s); padding-inline: var(--_ab-space-s); min-block-size: 36px; border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-s); }
  .field:focus-within { outline: 2px solid var(--_ab-color-focus); outline-offset: 1px; }
  .field input { flex: 1; min-inline-size: 0; border: 0; outline: 0; background: none; font: inherit; color: inherit; }
  .toggle { border: 0; background: none; color: var(--_ab-color-text-muted); }
  .toggle::before { content: '▾'; }
  :host([open]) .toggle::before { content: '▴'; }
  .chips { display: flex; flex-wrap: wrap; gap: var(--_ab-space-xs); }
  .chip { border-radius: 999px; font-size: var(--_ab-font-size-s); min-block-size: 24px; }

  .listbox { --g: 2px; display: flex; flex-direction: column; gap: var(--g); padding: 2px; overflow: auto; max-block-size: var(--ab-source-picker-max-height, 26rem); overscroll-behavior: contain; outline: 0; }
  :host([variant='grid']) .listbox { --g: var(--_ab-space-s); display: grid; grid-template-columns: repeat(auto-fill, minmax(var(--ab-source-picker-card-min-width, 10rem), 1fr)); align-content: start; }
  .listbox::before, .listbox::after { content: ''; flex: none; grid-column: 1 / -1; }
  .listbox::before { block-size: var(--b); margin-block-end: calc(-1 * var(--g)); }
  .listbox::after { block-size: var(--a); margin-block-start: calc(-1 * var(--g)); }

  .option { position: relative; display: flex; align-items: center; gap: var(--_ab-space-s); min-inline-size: 0; padding-inline: var(--_ab-space-s); border: 1px solid transparent; border-radius: var(--_ab-radius-s); cursor: pointer; block-size: var(--ab-source-picker-row-height, 3rem); flex: none; contain: content; }
  :host([variant='grid']) .option { flex-direction: column; align-items: start; gap: var(--_ab-space-xs); padding: var(--_ab-space-s); border-color: var(--_ab-color-border); border-radius: var(--_ab-radius-m); block-size: var(--ab-source-picker-card-height, 7.25rem); }
  .option:hover, [part~='active'] { background: var(--_ab-color-surface); }
  [aria-selected='true'] { border-color: var(--_ab-color-primary); box-shadow: inset 0 0 0 1px var(--_ab-color-primary); }
  .listbox:focus-visible [part~='active'], :host([variant='dropdown']) [part~='active'] { outline: 2px solid var(--_ab-color-focus); outline-offset: -2px; }
  .icon { flex: none; inline-size: var(--ab-source-picker-icon-size, 28px); aspect-ratio: 1; padding: 1px; border-radius: var(--_ab-radius-s); object-fit: contain; background: var(--ab-source-picker-icon-bg, #f6f7f9); }
  .initials { display: inline-grid; place-items: center; border: 1px solid var(--_ab-color-border); background: var(--_ab-color-surface); color: var(--_ab-color-text-muted); font-size: var(--_ab-font-size-s); font-weight: 600; }
  .name { min-inline-size: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  :host([variant='grid']) .name { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; white-space: normal; }
  .tags { display: flex; flex-wrap: wrap; gap: 0 var(--_ab-space-xs); max-block-size: calc(1lh + 2px); min-inline-size: 0; overflow: hidden; margin-inline-start: auto; color: var(--_ab-color-text-muted); font-size: var(--_ab-font-size-s); white-space: nowrap; }
  :host([variant='grid']) .tags { margin: auto 0 0; max-inline-size: 100%; }
  .tag { border: 1px solid var(--_ab-color-border); border-radius: 999px; padding-inline: var(--_ab-space-xs); overflow: hidden; text-overflow: ellipsis; }
  .skeleton { background: var(--_ab-color-surface); cursor: auto; }

  .message { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_ab-space-s); padding: var(--_ab-space-m); border: 1px dashed var(--_ab-color-border); border-radius: var(--_ab-radius-m); color: var(--_ab-color-text-muted); }
  .error { border: 1px solid; color: var(--_ab-color-danger); }
  p { margin: 0; flex: 1 1 12rem; }

  .popover { position: fixed; inset: auto; margin: 0; display: none; flex-direction: column; gap: var(--_ab-space-xs); padding: var(--_ab-space-xs); min-inline-size: max(var(--_w, 0px), var(--ab-source-picker-popover-min-width, 16rem)); max-block-size: min(var(--ab-source-picker-max-height, 26rem), var(--_h, 100vh)); overflow: hidden; border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-m); background: var(--_ab-color-bg); color: var(--_ab-color-text); box-shadow: 0 8px 24px #0003; }
  :host([open]) .popover { display: flex; }
  .popover .listbox { max-block-size: none; flex: auto; min-block-size: 0; }

  @media (forced-colors: active) {
    [aria-selected='true'], [aria-pressed='true'] { border: 2px solid Highlight; }
    mark { background: Mark; color: MarkText; }
  }
`;
