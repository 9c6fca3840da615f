import { nothing, type ReactiveControllerHost } from 'lit';
import type { EmbeddedClient } from '../../api/client.js';
import type { SourceTemplate } from '../../api/types.js';
import type { Path } from '../../spec/types.js';
import { pointer, setAt } from '../../spec/value.js';
import { OAuthController, type OAuthSectionHost } from './oauth-controller.js';
import { idOf, type FieldsView } from './source-form.fields.js';

/** What `<ab-source-form>` hands to its OAuth section. */
export interface OAuthWiring {
  host: ReactiveControllerHost & HTMLElement;
  view: FieldsView;
  client(): EmbeddedClient | undefined;
  template(): SourceTemplate | undefined;
  /** Edit mode: the source id ('' in create mode). */
  sourceId(): string;
  /** The `oauth-redirect-url` attribute ('' for the default). */
  redirectUrl(): string;
  connectorName(): string;
  t: OAuthSectionHost['t'];
  announce(message: string): void;
  reportError(e: unknown): void;
  /** The flow changed the value: fire `input`/`change`, sync the form value. */
  changed(): void;
}

const same = (a: Path, b: readonly string[] | undefined) => !!b && a.length === b.length && a.every((x, i) => x === b[i]);

/** Resolves the callback page's URL: the attribute (relative to the document) or `/oauth-callback.html` on this origin. */
export function resolveRedirectUrl(value: string): string {
  try {
    const url = new URL(value || '/oauth-callback.html', document.baseURI);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // fall through
  }
  console.warn(`ab-source-form: oauth-redirect-url "${value}" is not an http(s) URL; using /oauth-callback.html`);
  return new URL('/oauth-callback.html', location.origin).href;
}

/**
 * Wires the OAuth sign-in into the form's fields view: the sign-in block replaces the `predicate_key`
 * field (when the config selects the OAuth option), the output fields are hidden while it shows, and
 * their "required" errors become one "Sign in with …" error anchored at the block's button.
 */
export function attachOAuth(w: OAuthWiring): OAuthController {
  const { view } = w;
  const auth = () => view.model?.auth;
  const anchor = (): string => {
    const a = auth();
    if (a?.predicateKey) return pointer(a.predicateKey);
    return a?.outputPaths[0] ? pointer(a.outputPaths[0]) : '/';
  };
  const ctrl: OAuthController = new OAuthController(w.host, {
    client: w.client,
    auth,
    definitionId: () => w.template()?.source_definition_id,
    connectorName: w.connectorName,
    redirectUrl: () => resolveRedirectUrl(w.redirectUrl()),
    sourceId: () => w.sourceId() || undefined,
    value: () => view.draft,
    apply(entries) {
      for (const { path, value } of entries) setAt(view.draft, path, value);
      view.revalidate();
      w.host.requestUpdate();
      w.changed();
    },
    validateInputs(paths) {
      view.revalidate();
      const bad = paths.map((p) => pointer(p)).filter((ptr) => view.errors.has(ptr));
      if (!bad.length) return true;
      for (const ptr of bad) view.touched.add(ptr);
      w.host.requestUpdate();
      void view.focus(bad[0]!);
      return false;
    },
    t: w.t,
    announce: w.announce,
    reportError: w.reportError,
  });

  view.override = (node, path) => {
    if (node.oauth !== 'predicate' || !same(path, auth()?.predicateKey) || !ctrl.visible()) return undefined;
    return ctrl.render(idOf(anchor()), view.shown(anchor()));
  };
  view.hide = (node, path) => node.oauth === 'output' && ctrl.visible() && !!auth()?.outputPaths.some((p) => same(path, p));
  view.adjust = (errors) => {
    const a = auth();
    if (!a || !ctrl.visible()) return;
    for (const p of a.outputPaths) errors.delete(pointer(p));
    if (ctrl.blocksSubmit()) errors.set(anchor(), w.t('oauthRequired', w.connectorName()));
  };
  return ctrl;
}

/**
 * The sign-in block for a connector without a `predicate_key` (OAuth is the only way in): drawn at the
 * top of the connector's fields. Nothing otherwise (the block then replaces the predicate field).
 */
export function topOAuthBlock(ctrl: OAuthController, view: FieldsView): unknown {
  const a = view.model?.auth;
  if (!a || a.predicateKey || !ctrl.visible()) return nothing;
  const ptr = a.outputPaths[0] ? pointer(a.outputPaths[0]) : '/';
  return ctrl.render(idOf(ptr), view.shown(ptr));
}
