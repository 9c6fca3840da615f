// The bench page. bench/run.js (Node, playwright-core) calls `bench.prepare(name, params)` once per
// benchmark, then `bench.sample(contender)` in interleaved rounds (A B C A B C ...). Every sample is timed
// here, inside the page, with performance.now() around the work plus a forced layout (offsetHeight), so
// no driver round trip is ever in a measurement. Set-up and clean-up of each sample are outside the timing.
import * as rjsf from '../.build/rjsf.js';
import * as jsonforms from '../.build/jsonforms.js';
import { catalog as makeCatalog } from './data.js';

const stages = document.getElementById('stages');
const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
const nativeAreaValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
const peers = { rjsf, jsonforms };

// ---------------------------------------------------------------- helpers

/** A fresh, empty stage (a plain block container 800 px wide) for one contender. */
function stage(id) {
  document.getElementById(`stage-${id}`)?.remove();
  const div = document.createElement('div');
  div.className = 'stage';
  div.id = `stage-${id}`;
  stages.append(div);
  return div;
}

/** Lets the previous sample's rendering finish and collect its garbage, outside the timing. */
async function idle() {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  if (typeof gc === 'function') gc();
  await new Promise((r) => setTimeout(r, 0));
}

/**
 * Waits until a Lit element has finished every update, including one requested a few microtasks after the
 * last (e.g. by a @lit/task settling): it awaits `updateComplete` while an update is pending, and returns
 * only after 8 microtask turns in a row with none pending. Microtasks only: no task or frame boundary is
 * added to the time.
 */
async function settle(el) {
  for (let quiet = 0; quiet < 8; ) {
    if (el.isUpdatePending) {
      await el.updateComplete;
      quiet = 0;
    } else {
      await null;
      quiet++;
    }
  }
}

/** Every element below `root`, through open shadow roots (the element's own shadow tree and nested ones). */
function deepAll(root, out = []) {
  for (const n of root.querySelectorAll('*')) {
    out.push(n);
    if (n.shadowRoot) deepAll(n.shadowRoot, out);
  }
  return out;
}

/** Count of elements in a host's shadow tree, nested shadow trees included. */
function shadowCount(host) {
  return host.shadowRoot ? deepAll(host.shadowRoot).length : 0;
}

const norm = (s) => s.replace(/\s+/g, ' ').replace(/[*:]/g, '').trim().toLowerCase();

/** The text control labelled `title` under `root` (light DOM and shadow trees): via <label> or aria-label(ledby). */
function findTextControl(root, title) {
  const want = norm(title);
  const isText = (c) => c && ((c.localName === 'input' && /^(text|search|email|url|password|number|)$/.test(c.type)) || c.localName === 'textarea');
  const all = root instanceof Element && root.shadowRoot ? deepAll(root.shadowRoot) : deepAll(root);
  for (const n of all) {
    if (n.localName === 'label' && norm(n.textContent).startsWith(want) && isText(n.control)) return n.control;
  }
  for (const n of all) {
    if (!isText(n)) continue;
    const byAria = n.getAttribute('aria-label');
    if (byAria && norm(byAria).startsWith(want)) return n;
    const ids = n.getAttribute('aria-labelledby');
    if (ids) {
      const text = ids.split(/\s+/).map((id) => n.getRootNode().getElementById?.(id)?.textContent ?? '').join(' ');
      if (norm(text).startsWith(want)) return n;
    }
  }
  return null;
}

/** Sets a text control's value the way typing does (the native setter, so React's value tracker sees it)
 * and dispatches the input event a keystroke fires. */
function type(control, value, data) {
  (control.localName === 'textarea' ? nativeAreaValue : nativeValue).call(control, value);
  const inputType = data == null ? 'deleteContentBackward' : 'insertText';
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data }));
}

/**
 * A first-render benchmark of ours: each sample prepares fresh data untimed, then times creating the
 * element, attaching it and its first complete update plus a forced layout.
 */
function firstRender(prepare, create) {
  let el = null;
  return {
    contenders: ['ours'],
    async sample() {
      el?.remove();
      el = null;
      const container = stage('ours');
      const data = prepare();
      await idle();
      const t0 = performance.now();
      el = create(data);
      container.append(el);
      await settle(el);
      container.offsetHeight;
      const ms = performance.now() - t0;
      return { ms, check: { elements: shadowCount(el) }, el };
    },
    dispose() {
      el?.remove();
    },
  };
}

/** A search-box benchmark of ours: each sample types the next query (one character more or a new word). */
function searchTyping(el, container, queries) {
  let i = 0;
  return {
    contenders: ['ours'],
    async sample() {
      const input = findSearch(el);
      const prev = i ? queries[(i - 1) % queries.length] : '';
      const q = queries[i++ % queries.length];
      const data = q.length > prev.length ? q.at(-1) : null;
      await idle();
      const t0 = performance.now();
      type(input, q, data);
      await settle(el);
      container.offsetHeight;
      const ms = performance.now() - t0;
      return { ms, check: { elements: shadowCount(el) }, el };
    },
    dispose() {
      el.remove();
    },
  };
}

function findSearch(host) {
  return deepAll(host.shadowRoot).find((n) => n.localName === 'input' && (n.type === 'search' || n.getAttribute('role') === 'combobox' || n.getAttribute('role') === 'searchbox'));
}

function findButton(host, text) {
  const want = norm(text);
  return deepAll(host.shadowRoot).find((n) => (n.localName === 'button' || n.getAttribute('role') === 'button') && norm(n.textContent) === want);
}

// ---------------------------------------------------------------- contenders for the form

/** What the peers get: the connectionSpecification without `$schema` (Ajv 8 knows only the http:// draft-07
 * URI and throws on google-analytics-data-api's https:// one, so an app would drop it too). */
function peerSchema(full) {
  const { $schema, ...schema } = full.connectionSpecification;
  return schema;
}

const FORM_CONTENDERS = {
  ours: { expanded: true },
  ours_collapsed: { expanded: false },
};

/** Drops our contenders while <ab-source-form> is not defined yet (the peers still run). */
const withOurs = (list) => (customElements.get('ab-source-form') ? list : list.filter((c) => !c.startsWith('ours')));

async function mountOurForm(container, spec, expanded) {
  const el = document.createElement('ab-source-form');
  if (expanded) el.setAttribute('expand-optional', '');
  el.spec = spec;
  container.append(el);
  await settle(el);
  return el;
}

// ---------------------------------------------------------------- benchmarks

let current = null;
const specCache = new Map();
async function loadSpec(connector) {
  if (!specCache.has(connector)) specCache.set(connector, await (await fetch(`/fixtures/connectors/${connector}/spec.json`)).json());
  return specCache.get(connector);
}

/** Each benchmark: prepare(params) → {contenders, info}; sample(contender) → {ms, check?}; dispose(). */
const BENCHMARKS = {
  async 'form-first-render'({ connector }) {
    const spec = await loadSpec(connector);
    const mounted = {};
    const clean = (c) => {
      const m = mounted[c];
      if (!m) return;
      if (c in peers) peers[c].unmount(m);
      else m.remove();
      delete mounted[c];
    };
    return {
      contenders: withOurs(['ours', 'ours_collapsed', 'rjsf', 'jsonforms']),
      async sample(c) {
        clean(c);
        const container = stage(c);
        // A fresh copy each time: nothing may be cached by object identity between samples.
        const full = structuredClone(spec);
        const schema = peerSchema(full);
        await idle();
        let ms;
        if (c in peers) {
          const t0 = performance.now();
          mounted[c] = peers[c].mount(container, schema);
          container.offsetHeight;
          ms = performance.now() - t0;
        } else {
          const t0 = performance.now();
          mounted[c] = await mountOurForm(container, full, FORM_CONTENDERS[c].expanded);
          container.offsetHeight;
          ms = performance.now() - t0;
        }
        const error = c in peers ? peers[c].takeError() : null;
        if (error) return { error: String(error.message ?? error) };
        const controls = deepAll(container).filter((n) => /^(input|select|textarea)$/.test(n.localName)).length;
        return { ms, check: { controls }, el: c in peers ? null : mounted[c] };
      },
      dispose() {
        for (const c of Object.keys(mounted)) clean(c);
      },
    };
  },

  async 'form-keystroke'({ connector, field }) {
    const spec = await loadSpec(connector);
    const forms = {};
    const skipped = {};
    const typed = {};
    // Text fields: type "db-primary.internal…" forward, one character per sample. Number fields: the value
    // goes 1 → 12 → 1 → 12 … (one digit typed, then deleted), so it stays a small valid number.
    const text = 'db-primary.internal.example.com/';
    const nextValue = (c) => (field.kind === 'number' ? (typed[c] === '1' ? '12' : '1') : typed[c] + text[typed[c].length % text.length]);
    const find = (c) => findTextControl(c in peers ? document.getElementById(`stage-${c}`) : forms[c], field.label);
    const keystroke = async (c, value) => {
      const control = find(c);
      if (c in peers) peers[c].flush(() => type(control, value, value.at(-1) ?? null));
      else {
        type(control, value, value.at(-1) ?? null);
        await settle(forms[c]);
      }
    };
    for (const c of withOurs(['ours', 'ours_collapsed', 'rjsf', 'jsonforms'])) {
      const container = stage(c);
      const full = structuredClone(spec);
      forms[c] = c in peers ? peers[c].mount(container, peerSchema(full)) : await mountOurForm(container, full, FORM_CONTENDERS[c].expanded);
      const error = c in peers ? peers[c].takeError() : null;
      if (error) {
        skipped[c] = `its form threw while rendering (${String(error.message ?? error)})`;
        continue;
      }
      const control = find(c);
      if (!control || !control.checkVisibility()) {
        skipped[c] = `no visible field labelled "${field.label}"${c === 'ours_collapsed' ? ' (it is among the folded optional fields)' : ''}`;
        continue;
      }
      typed[c] = control.value;
      if (field.kind === 'number') {
        await keystroke(c, '1'); // untimed: a known starting value
        typed[c] = '1';
      }
    }
    const contenders = Object.keys(forms).filter((c) => !skipped[c]);
    return {
      contenders,
      skipped,
      async sample(c) {
        const container = document.getElementById(`stage-${c}`);
        const control = find(c);
        const next = nextValue(c);
        const data = next.length > typed[c].length ? next.at(-1) : null;
        await idle();
        let ms;
        if (c in peers) {
          const t0 = performance.now();
          peers[c].flush(() => type(control, next, data));
          container.offsetHeight;
          ms = performance.now() - t0;
        } else {
          const el = forms[c];
          const t0 = performance.now();
          type(control, next, data);
          await settle(el);
          container.offsetHeight;
          ms = performance.now() - t0;
        }
        const error = c in peers ? peers[c].takeError() : null;
        if (error) return { error: String(error.message ?? error) };
        typed[c] = next;
        // The (controlled) input must hold what was typed after the update, or the form did not take it;
        // ours must also carry it in its value.
        const ok = find(c)?.value === next && (c in peers || JSON.stringify(forms[c].value).includes(field.kind === 'number' ? `:${next}` : next));
        return { ms, check: { ok }, el: c in peers ? null : forms[c] };
      },
      dispose() {
        for (const [c, f] of Object.entries(forms)) (c in peers ? peers[c].unmount(f) : f.remove());
      },
    };
  },

  async 'picker-first-render'({ templates }) {
    return firstRender(
      () => structuredClone(templates),
      (list) => {
        const el = document.createElement('ab-source-picker');
        el.setAttribute('label', 'Source');
        el.templates = list;
        return el;
      },
    );
  },

  async 'picker-search-keystroke'({ templates, queries }) {
    const container = stage('ours');
    const el = document.createElement('ab-source-picker');
    el.setAttribute('label', 'Source');
    el.templates = structuredClone(templates);
    container.append(el);
    await settle(el);
    return searchTyping(el, container, queries);
  },

  async 'explorer-first-render'({ streams, fields }) {
    return firstRender(
      () => makeCatalog(streams, fields), // fresh objects each sample (faster than structuredClone)
      (catalog) => {
        const el = document.createElement('ab-stream-explorer');
        el.catalog = catalog;
        return el;
      },
    );
  },

  async 'explorer-select-all'({ streams, fields }) {
    const container = stage('ours');
    const el = document.createElement('ab-stream-explorer');
    el.catalog = makeCatalog(streams, fields);
    container.append(el);
    await settle(el);
    let events = 0;
    el.addEventListener('ab-streams-change', () => events++);
    return {
      contenders: ['ours'],
      async sample() {
        // "Select none" when anything is selected, else "Select all": every sample changes all 10,000 streams.
        const label = el.value?.streams?.length ? 'Select none' : 'Select all';
        const button = findButton(el, label);
        const before = events;
        await idle();
        const t0 = performance.now();
        button.click();
        await settle(el);
        container.offsetHeight;
        const ms = performance.now() - t0;
        const value = el.value;
        return { ms, check: { event: events > before, selected: value?.streams?.length ?? null, label }, el };
      },
      dispose() {
        el.remove();
      },
    };
  },

  async 'explorer-search-keystroke'({ streams, fields, queries }) {
    const container = stage('ours');
    const el = document.createElement('ab-stream-explorer');
    el.catalog = makeCatalog(streams, fields);
    container.append(el);
    await settle(el);
    // A person types a while after the list shows: give idle-time work (e.g. a search index) a second.
    await new Promise((r) => setTimeout(r, 1000));
    return searchTyping(el, container, queries);
  },
};

window.bench = {
  ready: false,
  isolated: crossOriginIsolated,
  hasGc: typeof gc === 'function',
  async loadOurs(url = '/bench/.build/cdn/ab-elements.js') {
    await import(url);
    return {
      form: !!customElements.get('ab-source-form'),
      picker: !!customElements.get('ab-source-picker'),
      explorer: !!customElements.get('ab-stream-explorer'),
    };
  },
  async prepare(name, params) {
    await current?.dispose();
    stages.replaceChildren();
    current = await BENCHMARKS[name](params);
    return { contenders: current.contenders, skipped: current.skipped ?? {} };
  },
  /**
   * One sample, then (outside its time) the busy time of the next frame — from its rAF callback to a task
   * posted there, i.e. its style, layout, ResizeObserver callbacks and paint — and, for ours, how many
   * updates the element ran in that frame (work the measured time did not include).
   */
  async sample(contender) {
    const r = await current.sample(contender);
    if (r.error) return r;
    const el = r.el;
    delete r.el;
    let late = 0;
    if (el) {
      const update = el.update;
      el.update = function (...a) {
        late++;
        return update.apply(this, a);
      };
    }
    r.frame = await new Promise((done) =>
      requestAnimationFrame(() => {
        const t = performance.now();
        setTimeout(() => done(performance.now() - t));
      }),
    );
    if (el) {
      await settle(el);
      delete el.update; // back to the prototype's
      r.late = late;
    }
    return r;
  },
  async dispose() {
    await current?.dispose();
    current = null;
    stages.replaceChildren();
  },
};
window.bench.ready = true;
