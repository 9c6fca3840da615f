import { css } from 'lit';

export const styles = css`
  :host {
    --_ab-source-picker-max-height: var(--ab-source-picker-max-height, 26rem);
    --_ab-source-picker-card-min-width: var(--ab-source-picker-card-min-width, 10rem);
    --_ab-source-picker-card-height: var(--ab-source-picker-card-height, 7.25rem);
    --_ab-source-picker-row-height: var(--ab-source-picker-row-height, 3rem);
    --_ab-source-picker-icon-size: var(--ab-source-picker-icon-size, 28px);
    --_ab-source-picker-popover-min-width: var(--ab-source-picker-popover-min-width, 16rem);
    --_ab-source-picker-icon-bg: var(--ab-source-picker-icon-bg, transparent);
    display: block;
  }
  /* Most connector icons are drawn for light backgrounds. */
  :host([theme='dark']) {
    --_ab-source-picker-icon-bg: var(--ab-source-picker-icon-bg, #f6f7f9);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([theme='dark'])) {
      --_ab-source-picker-icon-bg: var(--ab-source-picker-icon-bg, #f6f7f9);
    }
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_ab-space-s);
    /* Own background: a dark theme must stay readable on a light page (and the reverse). */
    background: var(--_ab-color-bg);
    color: var(--_ab-color-text);
  }
  .label {
    font-weight: 600;
  }
  .field {
    display: flex;
    align-items: center;
    gap: var(--_ab-space-s);
    padding-inline: var(--_ab-space-s);
    min-block-size: 36px;
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-s);
    background: var(--_ab-color-bg);
  }
  .field:focus-within {
    outline: 2px solid var(--_ab-color-focus);
    outline-offset: 1px;
  }
  .field input {
    flex: 1;
    min-inline-size: 0;
    border: 0;
    outline: 0;
    background: transparent;
    font: inherit;
    color: inherit;
    padding-block: var(--_ab-space-xs);
  }
  .field input::placeholder {
    color: var(--_ab-color-text-muted);
    opacity: 1;
  }
  .toggle {
    display: inline-grid;
    place-items: center;
    border: 0;
    background: transparent;
    padding: var(--_ab-space-xs);
    color: var(--_ab-color-text-muted);
  }
  .toggle::before {
    content: '';
    inline-size: 0.5em;
    block-size: 0.5em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: translateY(-25%) rotate(45deg);
  }
  :host([open]) .toggle::before {
    transform: translateY(25%) rotate(225deg);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ab-space-xs);
  }
  .chip {
    border: 1px solid var(--_ab-color-border);
    border-radius: 999px;
    background: var(--_ab-color-bg);
    padding-block: 2px;
    padding-inline: var(--_ab-space-s);
    font-size: var(--_ab-font-size-s);
    min-block-size: 24px;
  }
  .chip[aria-pressed='true'] {
    background: var(--_ab-color-primary);
    border-color: var(--_ab-color-primary);
    color: var(--_ab-color-primary-text);
  }
  .listbox {
    --_gap: 2px;
    position: relative;
    overflow: auto;
    max-block-size: var(--_ab-source-picker-max-height);
    padding: 2px;
    gap: var(--_gap);
    overscroll-behavior: contain;
    outline: none;
  }
  /* Stand-ins for the rows that are not rendered when a long list is windowed. */
  .listbox::before,
  .listbox::after {
    content: '';
    display: block;
    flex: none;
    grid-column: 1 / -1;
  }
  .listbox::before {
    block-size: var(--_ab-source-picker-before, 0px);
    margin-block-end: calc(-1 * var(--_gap));
  }
  .listbox::after {
    block-size: var(--_ab-source-picker-after, 0px);
    margin-block-start: calc(-1 * var(--_gap));
  }
  .listbox[hidden],
  .message[hidden] {
    display: none;
  }
  :host([variant='grid']) .listbox {
    display: grid;
    --_gap: var(--_ab-space-s);
    grid-template-columns: repeat(auto-fill, minmax(var(--_ab-source-picker-card-min-width), 1fr));
    align-content: start;
  }
  :host([variant='list']) .listbox,
  :host([variant='dropdown']) .listbox {
    display: flex;
    flex-direction: column;
  }
  .option {
    position: relative;
    display: flex;
    align-items: center;
    gap: var(--_ab-space-s);
    min-inline-size: 0;
    padding-inline: var(--_ab-space-s);
    border: 1px solid transparent;
    border-radius: var(--_ab-radius-s);
    background: var(--_ab-color-bg);
    cursor: pointer;
    overflow: hidden;
    block-size: var(--_ab-source-picker-row-height);
    flex: none;
    contain: layout paint style;
  }
  :host([variant='grid']) .option {
    flex-direction: column;
    align-items: flex-start;
    justify-content: flex-start;
    gap: var(--_ab-space-xs);
    padding: var(--_ab-space-s);
    border-color: var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    block-size: var(--_ab-source-picker-card-height);
  }
  .option:hover {
    background: var(--_ab-color-surface);
  }
  .option[aria-selected='true'] {
    border-color: var(--_ab-color-primary);
    box-shadow: inset 0 0 0 1px var(--_ab-color-primary);
  }
  .option[aria-selected='true']::after {
    content: '';
    position: absolute;
    inset-block-start: var(--_ab-space-s);
    inset-inline-end: var(--_ab-space-s);
    inline-size: 0.35em;
    block-size: 0.7em;
    border-inline-end: 2px solid var(--_ab-color-primary);
    border-block-end: 2px solid var(--_ab-color-primary);
    transform: rotate(45deg);
  }
  :host(:not([variant='grid'])) .option[aria-selected='true']::after {
    inset-block-start: calc(50% - 0.45em);
  }
  .option[data-active] {
    background: var(--_ab-color-surface);
  }
  .listbox:focus-visible .option[data-active],
  .option[data-active].combo {
    outline: 2px solid var(--_ab-color-focus);
    outline-offset: -2px;
  }
  .icon {
    flex: none;
    inline-size: var(--_ab-source-picker-icon-size);
    block-size: var(--_ab-source-picker-icon-size);
    border-radius: var(--_ab-radius-s);
    object-fit: contain;
    background: var(--_ab-source-picker-icon-bg);
    padding: 1px;
  }
  .initials {
    display: inline-grid;
    place-items: center;
    background: var(--_ab-color-surface);
    color: var(--_ab-color-text-muted);
    border: 1px solid var(--_ab-color-border);
    font-size: var(--_ab-font-size-s);
    font-weight: 600;
  }
  .name {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  :host([variant='grid']) .name {
    white-space: normal;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    font-weight: 600;
    line-height: 1.25;
  }
  .tags {
    display: flex;
    gap: var(--_ab-space-xs);
    min-inline-size: 0;
    overflow: hidden;
    margin-inline-start: auto;
    padding-inline-end: var(--_ab-space-l);
    color: var(--_ab-color-text-muted);
    font-size: var(--_ab-font-size-s);
    white-space: nowrap;
  }
  :host([variant='grid']) .tags {
    margin-inline-start: 0;
    margin-block-start: auto;
    padding-inline-end: 0;
    max-inline-size: 100%;
  }
  .tag {
    border: 1px solid var(--_ab-color-border);
    border-radius: 999px;
    padding-inline: var(--_ab-space-xs);
    line-height: 1.4;
  }
  mark {
    background: var(--_ab-color-highlight);
    color: inherit;
    border-radius: 2px;
  }
  .skeleton {
    border-radius: var(--_ab-radius-m);
    block-size: var(--_ab-source-picker-row-height);
    background: linear-gradient(90deg, var(--_ab-color-surface) 25%, var(--_ab-color-border) 50%, var(--_ab-color-surface) 75%);
    background-size: 400% 100%;
    animation: ab-source-picker-shimmer 1.4s ease infinite;
    opacity: 0.6;
  }
  :host([variant='grid']) .skeleton {
    block-size: var(--_ab-source-picker-card-height);
  }
  @keyframes ab-source-picker-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: 0 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .message {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ab-space-s);
    padding: var(--_ab-space-m);
    border: 1px dashed var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    color: var(--_ab-color-text-muted);
  }
  .message.error {
    border-style: solid;
    border-color: var(--_ab-color-danger);
    color: var(--_ab-color-danger);
  }
  .message p {
    margin: 0;
    flex: 1 1 12rem;
  }
  .popover {
    position: fixed;
    inset: auto;
    margin: 0;
    box-sizing: border-box;
    display: none;
    flex-direction: column;
    gap: var(--_ab-space-xs);
    padding: var(--_ab-space-xs);
    min-inline-size: var(--_ab-source-picker-popover-min-width);
    max-block-size: var(--_ab-source-picker-max-height);
    overflow: hidden;
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    background: var(--_ab-color-bg);
    color: var(--_ab-color-text);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    z-index: 1000;
  }
  :host([open]) .popover {
    display: flex;
  }
  .popover .listbox {
    max-block-size: none;
    flex: 1 1 auto;
    min-block-size: 0;
  }
  .popover .message {
    border: 0;
  }
  @media (forced-colors: active) {
    .option[aria-selected='true'],
    .chip[aria-pressed='true'] {
      border: 2px solid Highlight;
    }
    .listbox:focus-visible .option[data-active],
    .option[data-active].combo {
      outline-color: Highlight;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
  }
`;
