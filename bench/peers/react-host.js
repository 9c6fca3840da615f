// The adapter both React peers share: mount a form synchronously (flushSync), remember the first render
// error (a render error unmounts the whole tree, and the bench must not time an empty page), unmount,
// and flush the updates a dispatched DOM event causes. Bundled into each peer's own bundle.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';

/** An adapter whose `mount(container, schema)` renders `render(schema)` into `container`. */
export function reactHost(render) {
  let error = null;
  return {
    mount(container, schema) {
      const root = createRoot(container, { onUncaughtError: (e) => (error ??= e) });
      flushSync(() => root.render(render(schema)));
      return root;
    },
    /** The first render error since the last call, if any. */
    takeError() {
      const e = error;
      error = null;
      return e;
    },
    unmount(root) {
      flushSync(() => root.unmount());
    },
    /** Runs `fn` (which dispatches a DOM event) and flushes every React update it caused before returning. */
    flush(fn) {
      flushSync(fn);
    },
  };
}
