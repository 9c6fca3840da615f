// RJSF stack as an app would ship it: @rjsf/core's Form + the AJV 8 validator, live validation on (ours
// validates live too), React 19 production. The bench page drives it through this tiny adapter.
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';

/** Mounts a form for `schema` into `container`, committed synchronously (flushSync). */
let error = null;

export function mount(container, schema) {
  // A render error unmounts the whole tree; record it so the bench does not time an empty page.
  const root = createRoot(container, { onUncaughtError: (e) => (error ??= e) });
  flushSync(() => root.render(<Form schema={schema} validator={validator} liveValidate />));
  return root;
}

/** The first render error since the last call, if any. */
export function takeError() {
  const e = error;
  error = null;
  return e;
}

export function unmount(root) {
  flushSync(() => root.unmount());
}

/** Runs `fn` (which dispatches a DOM event) and flushes every React update it caused before returning. */
export function flush(fn) {
  flushSync(fn);
}
