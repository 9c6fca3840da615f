import { css } from 'lit';

// Children of <details> inherit box-sizing through its UA shadow tree's slot, which the * rule of hostStyles
// does not reach: the flex columns (.section among them) set it again.
// Buttons (.ab-button), the spinner, .visually-hidden, .ab-error-text and the focus ring come from hostStyles.
export const styles = css`
:host { display: block; max-inline-size: var(--ab-source-form-max-width, 42rem) }
form, .card, .section, fieldset, .tiles, .oauth { display: flex; flex-flow: column; gap: var(--_ab-space-m); box-sizing: border-box }
/* A field is a block box, not a flex column, so that its text input is not a flex item and can be a relayout
   boundary: contain: strict, with the size of an empty input (20 characters by one line) from
   contain-intrinsic-size, so padding, fonts and widths set through ::part(input) still apply. A keystroke then lays
   out the input alone, not the chain of boxes up to the form (Chromium never makes a flex or grid item a boundary). */
.field > * { display: block }
.field > * + * { margin-block-start: var(--_ab-space-xs) }
.field > input { contain: strict; contain-intrinsic-size: 20ch 1lh }
fieldset, .summary, .status, .oauth, .tile { margin: 0; min-inline-size: 0; padding: var(--_ab-space-m); border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-m) }
.bare { padding: 0; border: 0 }
legend, label, summary, h3, .signed-in { font-weight: 600 }
h2, h3, p, .hint ul, .hint ol, .chips { margin: 0 }
header, .row, .check, .tile, .chips, .chips li, .item-head, .actions { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_ab-space-s) }
header img { inline-size: 32px; block-size: 32px; object-fit: contain }
header a { margin-inline-start: auto }
a { color: var(--_ab-color-primary) }
.row > :first-child { flex: 1 1 12rem }
input:not([type=checkbox], [type=radio]), select, textarea { font: inherit; color: inherit; background: var(--_ab-color-bg); border: 1px solid var(--_ab-color-border); border-radius: var(--_ab-radius-s); padding: var(--_ab-space-xs) var(--_ab-space-s); min-block-size: 32px; inline-size: 100% }
.row > [aria-label] { inline-size: auto }
[aria-invalid=true] { border-color: var(--_ab-color-danger) !important }
.masked { -webkit-text-security: disc }
[data-opt]::after { content: ' (' attr(data-opt) ')' / '' }
[data-opt]::after, .hint { color: var(--_ab-color-text-muted); font-weight: 400; font-size: var(--_ab-font-size-s) }
.hint pre { white-space: pre-wrap }
.error { color: var(--_ab-color-danger); font-size: var(--_ab-font-size-s) }
.tile { padding: var(--_ab-space-s); border-radius: var(--_ab-radius-s); flex-wrap: nowrap; align-items: baseline }
.tile > span { flex: 1; min-inline-size: 0 }
.tile:has(:checked) { border-color: var(--_ab-color-primary) }
.chips { padding: 0; list-style: none }
.chips li { padding-inline-start: var(--_ab-space-s); border-radius: var(--_ab-radius-s); background: var(--_ab-color-surface); border: 1px solid var(--_ab-color-border) }
.chips button, .icon, .summary button { border: 0; background: none }
.summary button { padding: 0; color: var(--_ab-color-danger); text-decoration: underline; text-align: start }
.options { max-block-size: 16rem; overflow: auto }
summary { cursor: pointer }
details[open] > summary { margin-block-end: var(--_ab-space-m) }
.item-head { justify-content: flex-end }
.summary, [data-phase=failed] { border-color: var(--_ab-color-danger) }
[data-phase=done] { border-color: var(--_ab-color-success) }
[aria-disabled=true] { opacity: 0.6 }
.oauth { gap: var(--_ab-space-s); background: var(--_ab-color-surface) }
.oauth-status { color: var(--_ab-color-text-muted) }
.signed-in { color: var(--_ab-color-success) }
.signed-in::before { content: '✓' / '' }
`;
