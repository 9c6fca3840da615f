// The demo host page: get a widget token from this page's own server (/api/widget-token, see
// tools/start.js), hand it to the elements, and wire them: picker → form → stream explorer.
// Elements that do not exist yet in src/components are simply left out.
/// <reference types="vite/client" />

type Api = { token: string; apiBaseUrl: string };

const defines = import.meta.glob('../../src/components/*/ab-*.ts');
await Promise.all(Object.values(defines).map((load) => load().catch((e: unknown) => console.warn('demo: could not load an element', e))));

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const status = $('#status');
const say = (text: string, kind: 'info' | 'error' = 'info') => {
  status.textContent = text;
  status.dataset.kind = kind;
};

async function fetchToken(): Promise<Api> {
  const res = await fetch('/api/widget-token', { method: 'POST' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body as Api;
}

/** Shows the element if it is defined, else the "not available" note of its section. */
function use<T extends HTMLElement>(selector: string, tag: string): T | undefined {
  const el = $<T>(selector);
  const defined = !!customElements.get(tag);
  el.hidden = !defined;
  (el.parentElement!.querySelector('.missing') as HTMLElement).hidden = defined;
  return defined ? el : undefined;
}

function connect(el: HTMLElement | undefined, api: Api) {
  if (!el) return;
  const e = el as HTMLElement & { token: string; apiBaseUrl: string; tokenProvider?: () => Promise<string> };
  e.apiBaseUrl = api.apiBaseUrl;
  e.tokenProvider = async () => (await fetchToken()).token;
  e.token = api.token;
}

let api: Api;
try {
  api = await fetchToken();
} catch (e) {
  say(`Could not get a widget token: ${(e as Error).message}`, 'error');
  throw e;
}
$('#api-url').textContent = api.apiBaseUrl;
say('Ready. Pick a source to connect.');

const picker = use('ab-source-picker', 'ab-source-picker');
const form = use<HTMLElement & { templateId: string }>('ab-source-form', 'ab-source-form');
const explorer = use<HTMLElement & { sourceId: string }>('ab-stream-explorer', 'ab-stream-explorer');
for (const el of [picker, form, explorer]) connect(el, api);

document.addEventListener('ab-error', (e) => {
  const d = (e as CustomEvent<{ code: string; message: string }>).detail;
  say(`${(e.target as Element).localName}: ${d.message} (${d.code})`, 'error');
});

picker?.addEventListener('ab-source-select', (e) => {
  const { templateId, name } = e.detail;
  $('#step-form').hidden = false;
  if (form) form.templateId = templateId;
  say(`Configure ${name}.`);
  $('#h-form').scrollIntoView({ behavior: 'smooth', block: 'start' });
});

form?.addEventListener('ab-check', (e) => {
  const d = e.detail;
  say(`Connection check: ${d.status}${d.message ? ` — ${d.message}` : ''}`, d.status === 'failed' ? 'error' : 'info');
});

form?.addEventListener('ab-source-created', (e) => {
  const { source } = e.detail;
  const list = $('#sources');
  list.querySelector('.empty')?.remove();
  const li = document.createElement('li');
  li.textContent = `${source.name} (${source.id})`;
  list.append(li);
  say(`Created ${source.name}. Choose the streams to sync.`);
  $('#step-streams').hidden = false;
  if (explorer) explorer.sourceId = source.id;
});

explorer?.addEventListener('ab-streams-change', (e) => {
  $('#selection').textContent = JSON.stringify(e.detail, null, 2);
});
