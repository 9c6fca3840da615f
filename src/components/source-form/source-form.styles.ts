import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-inline-size: var(--ab-source-form-max-width, 42rem);
  }
  form,
  .card,
  .section,
  fieldset {
    display: grid;
    gap: var(--_ab-space-m);
  }
  fieldset {
    margin: 0;
    min-inline-size: 0;
    padding: var(--_ab-space-m);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
  }
  fieldset.bare {
    padding: 0;
    border: 0;
  }
  legend,
  label,
  summary,
  h3 {
    font-weight: 600;
  }
  legend {
    padding-inline: var(--_ab-space-xs);
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--_ab-space-s);
    flex-wrap: wrap;
  }
  header img {
    inline-size: 32px;
    block-size: 32px;
    object-fit: contain;
  }
  header a {
    margin-inline-start: auto;
  }
  a {
    color: var(--_ab-color-primary);
  }
  .field {
    display: grid;
    gap: var(--_ab-space-xs);
  }
  .row {
    display: flex;
    gap: var(--_ab-space-xs);
    align-items: center;
    flex-wrap: wrap;
  }
  .row > :first-child {
    flex: 1 1 12rem;
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_ab-color-bg);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
    padding: var(--_ab-space-xs) var(--_ab-space-s);
    min-block-size: 32px;
    inline-size: 100%;
  }
  .row > input[type='date'],
  .row > input[type='datetime-local'],
  .row > input[type='month'] {
    inline-size: auto;
    flex: 0 0 auto;
  }
  [aria-invalid='true'] {
    border-color: var(--_ab-color-danger) !important;
  }
  textarea {
    resize: vertical;
  }
  .masked {
    -webkit-text-security: disc;
  }
  .opt,
  .hint {
    color: var(--_ab-color-text-muted);
    font-weight: normal;
    font-size: var(--_ab-font-size-s);
  }
  .hint ul,
  .hint ol {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .hint pre {
    white-space: pre-wrap;
  }
  .error {
    color: var(--_ab-color-danger);
    font-size: var(--_ab-font-size-s);
  }
  .check {
    display: flex;
    gap: var(--_ab-space-s);
    align-items: baseline;
  }
  .tiles {
    display: grid;
    gap: var(--_ab-space-s);
  }
  .tile {
    display: flex;
    gap: var(--_ab-space-s);
    align-items: baseline;
    padding: var(--_ab-space-s);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
  }
  .tile:has(:checked) {
    border-color: var(--_ab-color-primary);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ab-space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chips li {
    display: inline-flex;
    align-items: center;
    gap: var(--_ab-space-xs);
    padding-inline-start: var(--_ab-space-s);
    border-radius: var(--_ab-radius-s);
    background: var(--_ab-color-surface);
    border: 1px solid var(--_ab-color-border);
  }
  .chips button,
  .icon {
    border: 0;
    background: none;
    padding: var(--_ab-space-xs) var(--_ab-space-s);
  }
  .options {
    max-block-size: 16rem;
    overflow: auto;
  }
  details > summary {
    cursor: pointer;
    padding-block: var(--_ab-space-xs);
  }
  details[open] > summary {
    margin-block-end: var(--_ab-space-m);
  }
  .item-head {
    display: flex;
    align-items: center;
    gap: var(--_ab-space-xs);
  }
  .item-head > :first-child {
    flex: 1;
  }
  .summary,
  .status {
    padding: var(--_ab-space-m);
    border-radius: var(--_ab-radius-m);
    border: 1px solid var(--_ab-color-border);
  }
  .summary,
  .status[data-phase='failed'] {
    border-color: var(--_ab-color-danger);
  }
  .status[data-phase='done'] {
    border-color: var(--_ab-color-success);
  }
  .summary ul {
    margin: var(--_ab-space-xs) 0 0;
  }
  .summary button {
    border: 0;
    background: none;
    padding: 0;
    color: var(--_ab-color-danger);
    text-decoration: underline;
    text-align: start;
  }
  .actions {
    display: flex;
    gap: var(--_ab-space-s);
    align-items: center;
  }
  [aria-disabled='true'] {
    opacity: 0.6;
  }
`;
