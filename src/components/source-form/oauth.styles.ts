import { css } from 'lit';

/** Styles of the OAuth sign-in block of `<ab-source-form>` (add to the form's `static styles`). */
export const oauthStyles = css`
  .oauth {
    display: grid;
    gap: var(--_ab-space-s);
    padding: var(--_ab-space-m);
    border: 1px solid var(--_ab-color-border);
    border-radius: var(--_ab-radius-m);
    background: var(--_ab-color-surface);
  }
  .oauth-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ab-space-s);
  }
  .oauth p {
    margin: 0;
  }
  .oauth-status {
    display: inline-flex;
    align-items: center;
    gap: var(--_ab-space-xs);
    color: var(--_ab-color-text-muted);
  }
  .oauth-status[data-signed-in='true'] {
    color: var(--_ab-color-success);
    font-weight: 600;
  }
  .oauth-status[data-signed-in='true']::before {
    content: '✓' / '';
  }
  .oauth-fallback a {
    color: var(--_ab-color-primary);
  }
`;
