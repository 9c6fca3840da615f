import { css } from 'lit';

/** Keep in sync with ROW_HEIGHT / HEAD_HEIGHT in stream-explorer.ts. */
export const styles = css`
  :host {
    display: block;
    --_ab-stream-explorer-height: var(--ab-stream-explorer-height, 480px);
    --_cols: minmax(15rem, 2.4fr) minmax(9rem, 1.3fr) 8.5rem 9.5rem 9.5rem minmax(8rem, 1.2fr);
  }
  .base {
    background: var(--_ab-color-bg);
    color: var(--_ab-color-text);
    display: flex;
    flex-direction: column;
    gap: var(--_ab-space-s);
  }
  .toolbar,
  .actions,
  .filters,
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ab-space-s);
  }
  .toolbar {
    justify-content: space-between;
  }
  input[type='search'],
  select {
    font: inherit;
    color: inherit;
    background: var(--_ab-color-bg);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
    min-block-size: 32px;
    padding-inline: var(--_ab-space-s);
  }
  input[type='search'] {
    flex: 1 1 14rem;
    min-inline-size: 10rem;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: var(--_ab-space-xs);
  }
  .summary,
  .note {
    margin: 0;
    color: var(--_ab-color-text-muted);
    font-size: var(--_ab-font-size-s);
  }
  .note[data-kind='warn'] {
    color: var(--_ab-color-danger);
  }
  .grid {
    position: relative;
    block-size: var(--_ab-stream-explorer-height);
    overflow: auto;
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    background: var(--_ab-color-bg);
    contain: strict;
  }
  .head,
  .body {
    inline-size: max(100%, 64rem);
  }
  .head {
    position: sticky;
    inset-block-start: 0;
    z-index: 2;
    block-size: 36px;
    background: var(--_ab-color-surface);
    border-block-end: 1px solid var(--_ab-color-border);
    font-weight: 600;
    font-size: var(--_ab-font-size-s);
  }
  .body {
    position: relative;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_cols);
    align-items: center;
    column-gap: var(--_ab-space-s);
    padding-inline: var(--_ab-space-s);
  }
  .body .row {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    block-size: 44px;
    border-block-end: 1px solid var(--_ab-color-surface);
    contain: strict;
  }
  .body .row:focus-visible {
    outline-offset: -2px;
  }
  .row[aria-selected='true'] .name {
    font-weight: 600;
  }
  .row.field {
    background: var(--_ab-color-surface);
    font-size: var(--_ab-font-size-s);
  }
  .cell {
    min-inline-size: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .c-name {
    display: flex;
    align-items: center;
    gap: var(--_ab-space-xs);
  }
  .c-span {
    grid-column: 3 / -1;
    display: flex;
    align-items: center;
    gap: var(--_ab-space-xs);
  }
  .twisty {
    flex: none;
    inline-size: 1.25rem;
    text-align: center;
    cursor: pointer;
    color: var(--_ab-color-text-muted);
    transition: transform 0.1s;
  }
  .twisty[data-open] {
    transform: rotate(90deg);
  }
  :host(:dir(rtl)) .twisty:not([data-open]) {
    transform: scaleX(-1);
  }
  .twisty[data-none] {
    visibility: hidden;
  }
  .label {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    line-height: 1.25;
  }
  .label > span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .sub {
    color: var(--_ab-color-text-muted);
    font-size: var(--_ab-font-size-s);
  }
  .badge {
    display: inline-block;
    padding-inline: var(--_ab-space-xs);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
    font-size: var(--_ab-font-size-s);
    line-height: 1.4;
    margin-inline-end: 2px;
  }
  .badge[data-kind='pii'],
  .badge[data-kind='warn'] {
    border-color: var(--_ab-color-danger);
    color: var(--_ab-color-danger);
  }
  .badge[data-kind='suggested'] {
    border-color: var(--_ab-color-success);
    color: var(--_ab-color-success);
  }
  .type[data-unknown] {
    font-style: italic;
  }
  .cell select {
    max-inline-size: 100%;
    min-block-size: 28px;
  }
  .link {
    border: none;
    background: none;
    padding: 0;
    color: var(--_ab-color-primary);
    text-decoration: underline;
    margin-inline-end: var(--_ab-space-s);
    font-size: var(--_ab-font-size-s);
  }
  mark {
    background: var(--_ab-color-highlight);
    color: inherit;
  }
  .empty,
  .pending,
  .error {
    padding: var(--_ab-space-l);
    border: 1px dashed var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    text-align: center;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_ab-space-s);
  }
  .error {
    border-style: solid;
    border-color: var(--_ab-color-danger);
  }
  input[type='checkbox'] {
    margin: 0;
    inline-size: 16px;
    block-size: 16px;
    flex: none;
  }
`;
