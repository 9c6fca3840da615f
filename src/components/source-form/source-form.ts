import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { EmbeddedClient } from '../../api/client.js';
import { ApiError, isAbortError, type FieldError } from '../../api/errors.js';
import { completeSourceOAuth, getEmbeddedConsentUrl } from '../../api/oauth.js';
import type { CheckStatus, CheckStatusValue, Source, SourceTemplate } from '../../api/types.js';
import { AbApiElement, resumeOnReconnect } from '../../internal/api-element.js';
import { liveRegion } from '../../internal/live-region.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { OAuthFlow, type OAuthOutcome, type OAuthPhase, type OAuthStatus } from '../../oauth/flow.js';
import { buildModel, isObj } from '../../spec/model.js';
import type { FieldNode, FormModel, Path, Section } from '../../spec/types.js';
import { itemSummary } from '../../spec/summary.js';
import { isEmpty, validateAll, validateField, type Translate } from '../../spec/validate.js';
import { getAt, initialOf, initialValue, JsonText, pointer, SECRET_MASK, selectedOption, setAt, switchOption, toSubmitValue } from '../../spec/value.js';
import type { TranslationKey } from '../../translations/en.js';
import { iconSrc } from '../source-picker/icon.js';
import { AbOAuthEvent } from './oauth.events.js';
import { AbBeforeSubmitEvent, AbCheckEvent, AbSourceCreatedEvent, AbSourceUpdatedEvent, AbSubmitEvent } from './source-form.events.js';
import { desc, fromPicker, idOf, num, pathOf, redirectUrl, text, toPicker } from './source-form.fields.js';
import { styles } from './source-form.styles.js';

type Obj = Record<string, unknown>;
type Phase = 'idle' | 'checking' | 'saving' | 'failed' | 'done';
type Loaded = { template: SourceTemplate; source?: Source };

/** Dispatches outside the class so the manifest lists only the documented `@fires` events. */
const fire = (el: HTMLElement, e: Event) => el.dispatchEvent(e);
const target = (e: Event) => e.target as HTMLInputElement;
/** The error pointer of the "Source name" field. */
const NAME = '#name';
/** The abort reason of the Cancel button (other aborts: the element went away). */
const CANCEL = 'cancel';
/** Largest file "Load from file" reads into a field: keys and certificates are a few kB. */
const MAX_FILE = 1 << 20;
const spinner = html`<span class="ab-spinner" aria-hidden="true"></span>`;
const option = (value: unknown, selected: boolean, label: unknown) => html`<option value=${value} .selected=${selected}>${label}</option>`;
const errorOf = (id: string, err?: string) => (err ? html`<div class="error" id=${id + '-e'} part="error">${err}</div>` : nothing);
/** Today's date for the default source name (an Intl formatter is slow to create: only with a template). */
const today = (locale: string) => {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format();
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
};
const keys = new WeakMap<object, number>();
let lastKey = 0;
/** A stable key per array item object (so moving items moves their DOM). */
const keyOf = (x: unknown, i: number) => (x && typeof x == 'object' ? (keys.get(x) ?? (keys.set(x, ++lastKey), lastKey)) : `i${i}`);

/**
 * @summary A connector's configuration form, generated from its real spec: validation, secrets, check-then-create, edit.
 * @tag ab-source-form
 *
 * Create mode (`template-id`) fetches the source template and creates a source; edit mode (`source-id`)
 * fetches the source and saves it; spec mode (`spec` property, no id) renders any connector spec and fires
 * `ab-submit` with no API call. Inside a `<form>` the config is in `FormData` as JSON under `name`.
 *
 * @csspart form - The `<form>` around everything.
 * @csspart header - Connector icon, name and docs link.
 * @csspart icon - The connector icon.
 * @csspart title - The connector name.
 * @csspart docs - The link to the connector's setup guide.
 * @csspart card - A group of root-level fields (`group` in the spec).
 * @csspart field - One field: label, control, hint and error.
 * @csspart label - A field label.
 * @csspart input - A field's control.
 * @csspart group - A fieldset: a nested object, a oneOf choice, a list or a multi-select.
 * @csspart item - One entry of a list of objects.
 * @csspart item-summary - The header of a list entry: a one-line summary of its values; toggles the entry open or closed.
 * @csspart optional - The collapsible "Optional fields" section.
 * @csspart filter - The filter box of a long list of values.
 * @csspart error - A field's error message.
 * @csspart error-summary - The list of errors shown after a failed submit.
 * @csspart status - Check progress, failure or success.
 * @csspart submit - The submit button.
 * @csspart cancel - The button that stops a running check.
 * @csspart loading - Shown while the template or source loads.
 * @csspart oauth - The OAuth sign-in block (connectors with `advanced_auth`), where the spec's `predicate_key` field would be.
 * @csspart oauth-button - "Sign in with <connector>" / "Re-authenticate".
 * @csspart oauth-cancel - Cancels a running sign-in.
 * @csspart oauth-status - Sign-in progress, or "Signed in to <connector>".
 * @csspart oauth-link - Shown when the popup was blocked: opens the consent page in a new tab.
 * @csspart oauth-notice - Why the last sign-in did not succeed (denied, cancelled, error).
 * @csspart oauth-required - "Sign in with <connector> to continue" after a submit without signing in.
 *
 * @cssproperty --ab-source-form-max-width - Largest width of the form (default 42rem).
 *
 * @cssstate loading - The template or source is loading.
 * @cssstate invalid - The value does not validate.
 * @cssstate checking - The connection check (or the save after it) is running.
 * @cssstate failed - The check or the save failed.
 * @cssstate done - The source was created or saved.
 *
 * @fires input - The value changed (every keystroke).
 * @fires change - The user committed a change (blur, choice, add/remove).
 * @fires ab-before-submit - The form is valid and about to be submitted: `{value}`. Cancelable.
 * @fires ab-check - Connection check progress: `{status, message?}` with `pending`, `running`, `succeeded`, `failed`, `cancelled`.
 * @fires ab-source-created - The source was created: `{source}`.
 * @fires ab-source-updated - The source was saved (edit mode): `{source}`.
 * @fires ab-submit - Spec mode only: the form is valid: `{value}`.
 * @fires ab-oauth - An OAuth sign-in outcome: `{status, message}` with `success`, `denied`, `blocked`, `cancelled`, `error`.
 * @fires ab-error - A request failed: `{code, message, status?, fieldErrors?}`.
 * @fires ab-token-expired - The token was rejected and no `tokenProvider` renewed it.
 */
export class AbSourceForm extends AbApiElement {
  static override styles = [hostStyles, styles];
  static formAssociated = true;
  // `static properties` rather than decorators: decorated accessors cost bytes per field and turn the
  // class's #privates into WeakMaps (issue 9's size budget).
  static override properties: PropertyDeclarations = {
    templateId: { attribute: 'template-id' },
    sourceId: { attribute: 'source-id' },
    name: { reflect: true },
    sourceName: { attribute: 'source-name' },
    hideSubmit: { type: Boolean, attribute: 'hide-submit' },
    expandOptional: { type: Boolean, attribute: 'expand-optional' },
    oauthRedirectUrl: { attribute: 'oauth-redirect-url' },
    spec: { attribute: false },
  };

  /** Create mode: the source template to configure (fetched from the API). */
  declare templateId: string;

  /** Edit mode: the source to edit (fetched with its template). Wins over `template-id`. */
  declare sourceId: string;

  /** The form-association name: inside a `<form>`, the config is in `FormData` under this name as JSON. */
  declare name: string;

  /** Presets the new source's name (default: "<connector> – <date>"). */
  declare sourceName: string;

  /** Hides the submit button (the host calls `submit()` or submits the surrounding form). */
  declare hideSubmit: boolean;

  /** Opens the "Optional fields" sections. */
  declare expandOptional: boolean;

  /**
   * URL of the host's OAuth callback page (`dist/oauth-callback.html`, or a page calling `relayOAuthCallback()`
   * from `ab-elements/oauth-callback`), on this page's origin; sent as `redirect_url`. Relative URLs resolve
   * against the document. Default: `/oauth-callback.html`.
   */
  declare oauthRedirectUrl: string;

  /** Spec mode: a `ConnectorSpecification` (or a bare `connectionSpecification`) to render with no API call. */
  declare spec: unknown;

  constructor() {
    super();
    this.templateId = this.sourceId = this.name = this.sourceName = this.oauthRedirectUrl = '';
    this.hideSubmit = this.expandOptional = false;
  }

  #internals = this.internals!;
  // The fields: model, working value, errors and per-field UI state. A keystroke updates one value and that
  // field's validation; the form re-renders only when a shown message changes.
  #model?: FormModel;
  #draft: Obj = {};
  #errors = new Map<string, string>();
  /** Errors the API reported (422), shown until their field changes. */
  #server = new Map<string, string>();
  #touched = new Set<string>();
  /** Per-field UI state by prefix + key: `o` section open, `r` secret revealed, `c` saved secret being changed, `f` enum filter. */
  #ui = new Map<string, unknown>();
  /** After a submit attempt every error is shown. */
  #showAll = false;
  /** True while a render commits: a control removed then fires `blur`, which is no touch. */
  #committing = false;
  /** The rendered controls by id: their field and path (and whether it is a date picker), for the delegated listeners. */
  #ctl = new Map<string, [FieldNode, Path, boolean?]>();
  /** Bumped when the value is replaced from outside, so every control is rebuilt from the new value. */
  #gen = 0;
  readonly #tr: Translate = (k, a) => (this.t as (k: string, a: unknown) => string)(k, a);
  // Loading and submitting.
  #template?: SourceTemplate;
  #source?: Source;
  #key = '';
  #pending?: Obj;
  #name = '';
  #phase: Phase = 'idle';
  #check: CheckStatusValue = 'pending';
  #notice = '';
  #started = 0;
  #summary = false;
  /** The messages shown, as of the current render. */
  #shownNow: [string, string][] = [];
  #abort?: AbortController;
  #syncQueued = false;
  // OAuth sign-in (connectors with `advanced_auth`).
  #flow?: OAuthFlow;
  #oPhase: OAuthPhase | 'blocked' = 'idle';
  #oNotice?: { status: OAuthStatus; message: string };
  /** Signed in during this form's life (for specs whose output lists no token to look for). */
  #oDone = false;

  #loader = resumeOnReconnect(this, new Task(this, {
    args: () => [this.templateId || this.sourceId ? this.api : undefined, this.templateId, this.sourceId] as const,
    task: async ([api, templateId, sourceId]: readonly [EmbeddedClient | undefined, string, string], { signal }): Promise<Loaded | typeof initialState> => {
      if (!api || !(templateId || sourceId)) return initialState;
      if (!sourceId) return { template: await api.getSourceTemplate(templateId, { signal }) };
      const source = await api.getSource(sourceId, { signal });
      const template = source.source_template;
      return { template: isObj(template?.user_config_spec) ? template : await api.getSourceTemplate(template.id, { signal }), source };
    },
    onComplete: (r) => this.#setup(r),
    onError: (e) => this.reportError(e),
  }));

  /** The config that would be submitted: defaults applied, blanks dropped, only the chosen options' keys. */
  get value(): Record<string, unknown> {
    return this.#model ? toSubmitValue(this.#model, this.#draft) : (this.#pending ?? {});
  }

  set value(v: Record<string, unknown>) {
    const m = this.#model;
    if (!m) this.#pending = isObj(v) ? v : undefined;
    else this.#reset(m, initialValue(m, isObj(v) ? v : {}, this.#template?.partial_default_config));
  }

  /** The form model (read-only; for tools and tests). */
  get model(): FormModel | undefined {
    return this.#model;
  }

  /** The message of the first invalid field ('' when the value is valid), as on native form controls. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#flow?.dispose();
    this.#oPhase = 'idle';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const ids = changed.has('templateId') || changed.has('sourceId');
    const api = this.templateId || this.sourceId;
    // spec mode never starts the loader (a run that settles would cost a second, empty update); once it has
    // run, it follows its args (switching to spec mode then resets it)
    this.#loader.autoRun = !!api || this.#loader.status != TaskStatus.INITIAL;
    if (ids && api) {
      this.#key = '';
      this.#reset(undefined, {});
    }
    if ((ids || changed.has('spec')) && !api) this.#setup();
    if (changed.has('sourceName') && this.sourceName) this.#name = this.sourceName;
    this.#committing = true;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const ph = this.#phase;
    this.#committing = false;
    this.setStates({ loading: this.#loader.status == TaskStatus.PENDING, invalid: this.#errors.size > 0, checking: this.#busy(), failed: ph == 'failed', done: ph == 'done' });
  }

  /** Builds the model and the working value from a loaded template/source, or from `spec`. */
  #setup({ template, source }: Partial<Loaded> = {}): void {
    const key = source ? 's' + source.id : template ? 't' + template.id : '';
    const spec = template ? template.user_config_spec : this.spec;
    const preset = template?.partial_default_config;
    const model = spec ? buildModel(spec, { partialDefaultConfig: preset, mode: source ? 'edit' : 'create' }) : undefined;
    if (key && key == this.#key && model && this.#model) {
      // same template/source again (e.g. a new token): keep what the user typed
      this.#model = model;
      return this.#revalidate();
    }
    this.#key = key;
    this.#template = template;
    this.#source = source;
    this.#name = this.sourceName || source?.name || (template ? this.t('formSourceNameDefault', template.name, today(this.locale)) : '');
    this.#flow?.dispose();
    this.#flow = this.#oNotice = undefined;
    this.#oPhase = this.#phase = 'idle';
    this.#oDone = this.#summary = false;
    this.#notice = '';
    this.#reset(model, model ? initialValue(model, this.#pending ?? source?.source_config, preset) : {});
    this.#pending = undefined;
  }

  /** Replaces the model and the working value; forgets the errors shown and the per-field UI state. */
  #reset(model: FormModel | undefined, draft: Obj): void {
    this.#model = model;
    this.#draft = draft;
    this.#server.clear();
    this.#touched.clear();
    this.#ui.clear();
    this.#showAll = false;
    this.#gen++;
    this.#revalidate();
    this.requestUpdate();
    this.#queueSync();
  }

  /** The connector's name: the template's, or a `name` in the `spec` property. */
  #specName(): string {
    const name = (this.spec as Obj | undefined)?.name;
    return this.#template?.name ?? (typeof name == 'string' ? name : '');
  }

  #connector(): string {
    return this.#specName() || this.#model?.title || '';
  }

  #busy(): boolean {
    return this.#phase == 'checking' || this.#phase == 'saving';
  }

  #changed(commit: boolean): void {
    fire(this, new Event('input', { bubbles: true, composed: true }));
    if (commit) {
      fire(this, new Event('change', { bubbles: true }));
      this.#queueSync();
    }
  }

  /**
   * Syncs form association after the current task's microtasks: on a commit, when a field's message changed,
   * on `checkValidity()`. A keystroke leaves the JSON form value behind; the owner form's `formdata` event
   * replaces it when read, so typing never serializes the whole config.
   */
  #queueSync(): void {
    if (!this.#syncQueued)
      queueMicrotask(() => {
        this.#syncQueued = false;
        this.#sync();
      });
    this.#syncQueued = true;
  }

  /** Form association: the JSON value and the validity (anchored at the first invalid control). */
  #sync(): void {
    const [first, message] = this.#errors.entries().next().value ?? [];
    this.#internals.setFormValue(this.#model ? JSON.stringify(this.value) : null);
    if (first === undefined) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, `${this.#titleAt(first)}: ${message}`, this.#byId(idOf(first)));
  }

  /** The owner form builds its `FormData`: its entry list may hold a value from before the last keystrokes. */
  readonly #onFormData = (e: FormDataEvent) => e.target == this.#internals.form && e.formData.has(this.name) && e.formData.set(this.name, JSON.stringify(this.value));

  /** (A form the element left keeps the listener, which then does nothing; adding it again is a no-op.) */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    form?.addEventListener('formdata', this.#onFormData);
  }

  #byId(id: string): HTMLElement | undefined {
    return this.shadowRoot?.getElementById(id) ?? undefined;
  }

  /** Focuses `selector` in the shadow root after the next render. */
  #focusSoon(selector: string): Promise<void> {
    return this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Validates everything; returns true when the value can be submitted. Fires `invalid` when it cannot. */
  checkValidity(): boolean {
    if (!this.#model) return true;
    this.#revalidate();
    this.#sync();
    return this.#internals.checkValidity();
  }

  /** Like `checkValidity()`, and shows every error with a summary that takes focus. */
  reportValidity(): boolean {
    const ok = this.checkValidity();
    if (!ok) void this.#showErrors();
    return ok;
  }

  #showErrors(): Promise<void> {
    this.#showAll = this.#summary = true;
    this.requestUpdate();
    return this.#focusSoon('.summary');
  }

  /** Runs the submit flow of the form's own button: validate → check → create/save (spec mode: `ab-submit`). */
  async submit(): Promise<void> {
    // a running check makes a second submit impossible (the phase is set before the first await)
    if (this.#busy() || !this.#model || !this.isConnected) return;
    this.#notice = '';
    this.#server.clear();
    if (!this.checkValidity()) return this.#showErrors();
    this.#summary = false;
    this.requestUpdate();
    const value = this.value;
    const before = new AbBeforeSubmitEvent({ value });
    fire(this, before);
    if (before.defaultPrevented) return;
    if (!this.templateId && !this.sourceId) return void fire(this, new AbSubmitEvent({ value }));
    await this.#run(value);
  }

  /** Check → (poll) → create or save, with progress, Cancel and every failure on screen. */
  async #run(config: Obj): Promise<void> {
    const { api } = this;
    const tpl = this.#template;
    const id = this.sourceId;
    const t = this.t.bind(this);
    if (!api || !tpl) return this.#finish('failed', t('noToken'));
    const abort = (this.#abort = new AbortController());
    const { signal } = abort;
    const body = { source_config: config, name: this.#name.trim() || undefined };
    const timer = setInterval(() => this.requestUpdate(), 1000);
    const failText = (s: CheckStatus) => s.enhanced_error_message || s.error_message || t('formCheckFailed');
    let last = '';
    this.#phase = 'checking';
    this.#check = 'pending';
    this.#started = Date.now();
    this.requestUpdate();
    this.announce(t('formCheckQueued'));
    try {
      const job = await (id ? api.checkSourceUpdate(id, body, { signal }) : api.checkSource({ source_template_id: tpl.id, ...body }, { signal }));
      const done = await api.waitForCheck(job.id, {
        signal,
        onStatus: (s) => {
          if (s.status == last) return;
          last = this.#check = s.status;
          this.requestUpdate();
          fire(this, new AbCheckEvent({ status: s.status, message: s.status == 'failed' ? failText(s) : undefined }));
          if (s.status == 'running') this.announce(t('formCheckRunning'));
        },
      });
      if (done.status != 'succeeded') return this.#finish('failed', done.status == 'cancelled' ? t('formCheckCancelled') : failText(done));
      this.#phase = 'saving';
      this.requestUpdate();
      this.announce(t('formCheckSucceeded'));
      const source = (this.#source = await (id ? api.updateSource(id, body, { signal }) : api.createSource({ source_template_id: tpl.id, ...body }, { signal })));
      this.#finish('done', t(id ? 'formUpdated' : 'formCreated', source.name));
      fire(this, id ? new AbSourceUpdatedEvent({ source }) : new AbSourceCreatedEvent({ source }));
    } catch (e) {
      if (!isAbortError(e)) {
        this.reportError(e);
        this.#finish('failed', this.errorMessage(e));
        if (e instanceof ApiError && this.#mapFieldErrors(e.fieldErrors)) await this.#showErrors();
      } else if (signal.reason != CANCEL) {
        this.#phase = 'idle';
        this.requestUpdate();
      } else {
        fire(this, new AbCheckEvent({ status: 'cancelled' }));
        this.#finish('failed', t('formCheckCancelled'));
      }
    } finally {
      clearInterval(timer);
    }
  }

  #finish(phase: Phase, notice: string): void {
    this.#phase = phase;
    this.announce((this.#notice = notice));
    this.requestUpdate();
    void this.#focusSoon('.status');
  }

  /** Puts the API's field errors (422) on their fields; returns how many found a place. */
  #mapFieldErrors(errors: FieldError[]): number {
    let n = 0;
    for (const { field, message } of errors) {
      const segs = (field ?? '').replace(/\[(\d+)\]/g, '.$1').split(/[./]/).filter(Boolean);
      if (segs[0] == 'body') segs.shift();
      const inConfig = segs[0] == 'source_config' && !!segs.shift();
      const ptr = !inConfig && segs.join() == 'name' ? NAME : pointer(segs.map((s) => (/^\d+$/.test(s) ? +s : s)));
      if (ptr) {
        this.#server.set(ptr, message);
        n++;
      }
    }
    return n;
  }

  /** Fields the API says are wrong (e.g. from a host's own backend in spec mode): `{field: dotted path, message}`. */
  setFieldErrors(errors: FieldError[]): void {
    this.#server.clear();
    if (this.#mapFieldErrors(errors)) void this.#showErrors();
    else this.requestUpdate();
  }

  formResetCallback(): void {
    this.#key = '';
    this.#setup(this.#template && { template: this.#template, source: this.#source });
  }

  formDisabledCallback(): void {
    this.requestUpdate();
  }

  // ——— fields ———

  #revalidate(): void {
    const m = this.#model;
    const a = m?.auth;
    this.#errors = m ? validateAll(m, this.#draft, this.#tr) : new Map();
    if (a && this.#oShown()) {
      // the fields the sign-in fills are hidden: one "Sign in with …" error at the sign-in button instead
      for (const p of a.outputPaths) this.#errors.delete(pointer(p));
      if (!this.#signedIn()) this.#errors.set(this.#oAnchor(), this.t('oauthRequired', this.#connector()));
    }
  }

  /** The message shown for a field now, if any. */
  #shown(ptr: string): string | undefined {
    return this.#server.get(ptr) ?? (this.#showAll || this.#touched.has(ptr) ? this.#errors.get(ptr) : undefined);
  }

  /** Every shown message, in form order. */
  #shownErrors(): [string, string][] {
    return [...new Set([...this.#errors.keys(), ...this.#server.keys()])].flatMap((p) => {
      const m = this.#shown(p);
      return m ? [[p, m]] : [];
    });
  }

  /** A leaf's new value: updates the value and that field's error only. */
  #set(n: FieldNode, path: Path, v: unknown, commit = false, render = false): void {
    const ptr = pointer(path);
    const before = this.#shown(ptr);
    const msg = validateField(n, v, this.#tr);
    if (msg != this.#errors.get(ptr)) this.#queueSync();
    setAt(this.#draft, path, v);
    this.#server.delete(ptr);
    if (msg) this.#errors.set(ptr, msg);
    else this.#errors.delete(ptr);
    if (commit) this.#touched.add(ptr);
    if (render || this.#shown(ptr) != before) this.requestUpdate();
    this.#changed(commit);
  }

  /** A structural change (oneOf switch, array edit, sign-in): replaces a subtree and validates everything again. */
  #replace(path: Path, v: unknown): void {
    const ptr = pointer(path) + '/';
    if (path.length) setAt(this.#draft, path, v);
    else this.#draft = v as Obj;
    for (const k of this.#server.keys()) if (k.startsWith(ptr)) this.#server.delete(k);
    this.#revalidate();
    this.requestUpdate();
    this.#changed(true);
  }

  /** A oneOf's option chosen: switches the value when it is another option. */
  #choose(n: FieldNode, path: Path, i: number): void {
    const v = getAt(this.#draft, path);
    if (i != selectedOption(n, v)) this.#replace(path, switchOption(n, v, i));
  }

  /**
   * The controls' events, delegated to one listener per type on the <form>: the field is found by the
   * control's id. The native `input` and `change` stop at the form (the element fires its own). A text control
   * edits on `input`; checkboxes, selects and date pickers on `change`; leaving a control (`focusout`) marks
   * it visited; a tag input adds with Enter or comma (and on leaving), Backspace in an empty box removes the last tag.
   */
  #on(e: Event): void {
    const type = e.type;
    const el = target(e);
    if (type == 'input' || type == 'change') e.stopPropagation();
    const c = this.#ctl.get(el.id);
    if (!c) return;
    const [n, path, picker] = c;
    const k = n.kind;
    // a committed edit inside a list item: re-render, so the item's header summary follows (not per keystroke)
    if (type == 'change' || type == 'focusout') if (path.some((p) => typeof p == 'number')) this.requestUpdate();
    if (type == 'input') {
      // a keystroke in a text control (the common case, first): the text is the value
      if (picker || k == 'boolean' || k == 'enum' || k == 'oneOf' || k == 'arrayOfStrings') return;
      const s = el.value;
      const numeric = k == 'integer' || k == 'number';
      let v: unknown = numeric ? num(s) : s;
      if (k == 'json')
        try {
          v = s.trim() ? JSON.parse(s) : undefined;
        } catch {
          v = new JsonText(s);
        }
      // an empty number field shows its default as a placeholder, set only while empty (a placeholder costs
      // the browser a style recalculation on every keystroke): re-render when the field empties or fills
      return this.#set(n, path, v, false, numeric && n.default !== undefined && (v === undefined) != (getAt(this.#draft, path) === undefined));
    }
    if (type == 'change') {
      if (picker) this.#set(n, path, fromPicker(n, el.value), true, true);
      else if (k == 'boolean') this.#set(n, path, el.checked, true);
      else if (k == 'enum') this.#set(n, path, el.value ? n.enumValues![+el.value] : undefined, true);
      else if (k == 'oneOf') this.#choose(n, path, +el.value);
      return;
    }
    if (picker || k == 'boolean') return;
    const list = getAt(this.#draft, path);
    const items = Array.isArray(list) ? list : [];
    const key = (e as KeyboardEvent).key;
    const tag = () => {
      const v = el.value.trim();
      el.value = '';
      if (v) this.#set(n, path, [...items, n.itemType == 'string' ? v : num(v)], true, true);
    };
    if (type == 'focusout') {
      if (k == 'arrayOfStrings') tag();
      this.#touch(pointer(path));
    } else if (k == 'arrayOfStrings' && (key == 'Enter' || key == ',')) {
      e.preventDefault();
      tag();
    } else if (k == 'arrayOfStrings' && key == 'Backspace' && !el.value && items.length) this.#set(n, path, items.slice(0, -1), true, true);
  }

  /** A file chosen for a multiline field: its text becomes the value (the user's text stays on a failure). */
  async #load(n: FieldNode, path: Path, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const ptr = pointer(path);
    if (file.size > MAX_FILE) {
      this.#server.set(ptr, this.t('formFileTooLarge', '1 MB'));
      this.requestUpdate();
    } else this.#set(n, path, await file.text(), true, true);
    void this.#focus(ptr);
  }

  #touch(ptr: string): void {
    if (this.#touched.has(ptr) || this.#committing) return;
    this.#touched.add(ptr);
    if (this.#errors.has(ptr)) this.requestUpdate();
  }

  /** Focuses a field's control (or the first one inside it), opening the collapsed sections around it. */
  async #focus(ptr: string): Promise<void> {
    await this.updateComplete;
    let el = this.#byId(idOf(ptr));
    if (el && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) el = el.querySelector<HTMLElement>('input,select,textarea') ?? el.querySelector('button') ?? undefined;
    for (let d = el?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    el?.focus();
  }

  /** A readable name for the field at `ptr`: item labels of the lists on the way, then its title. */
  #titleAt(ptr: string): string {
    if (ptr == NAME) return this.t('formSourceName');
    const parts: string[] = [];
    const path = pathOf(ptr);
    let n = this.#model?.root;
    let v: unknown = this.#draft;
    const oauth = this.#oShown();
    path.forEach((seg, k) => {
      if (n?.kind == 'arrayOfObjects') parts.push(this.t('formItem', (n = n.item!).title, +seg + 1));
      // a list of objects is named by its items' labels, unless the message is about the list itself; a field
      // that is not shown (the sign-in's hidden discriminator or a field it fills, which carry its message) adds no name
      else if ((n = (n?.kind == 'oneOf' ? n.options![selectedOption(n, v)]?.children : n?.children)?.find((c) => c.key == seg)) && (n.kind != 'arrayOfObjects' || k == path.length - 1) && !n.hidden && n.kind != 'const' && !(oauth && n.oauth == 'output')) parts.push(n.title);
      v = getAt(v, [seg]);
    });
    return parts.slice(-2).join(' › ') || this.#connector();
  }

  /**
   * Sections of fields. A field's place in its section never changes (a section lists its model fields), so
   * fields need no keys; a control never shows the value of another field because what can take its place
   * is keyed: a oneOf's option content by the option, array items by item, everything by the generation
   * (a value set from outside, a new model).
   */
  #sections(list: Section[], path: Path, key: string): unknown {
    const root = this.#model!.root;
    return list.map((s, i) => {
      const paths = s.fields.map((f) => (f == root ? [] : [...path, f.key]));
      const fields = s.fields.map((f, j) => this.#field(f, paths[j]));
      const k = `o${key}/${i}`;
      return s.collapsible
        ? html`<details part="optional" ?open=${(this.#ui.get(k) as boolean | undefined) ?? (this.expandOptional || this.#hasContent(s.fields, paths))} @toggle=${(e: Event) => this.#ui.set(k, (e.target as HTMLDetailsElement).open)}><summary>${s.title ?? this.t('formOptionalFields')}</summary><div class="section">${fields}</div></details>`
        : fields;
    });
  }

  /** Whether a collapsed section should start open: a field with a value other than its default, or a shown error. */
  #hasContent(fields: FieldNode[], paths: Path[]): boolean {
    return fields.some((f, j) => {
      const ptr = pointer(paths[j]);
      const v = getAt(this.#draft, paths[j]);
      return (
        this.#shownNow.some(([p]) => p == ptr || p.startsWith(ptr + '/')) ||
        (v !== undefined && v !== '' && JSON.stringify(v) !== JSON.stringify(f.default ?? (f.kind == 'boolean' ? false : undefined)))
      );
    });
  }

  #field(n: FieldNode, path: Path): unknown {
    const oauth = this.#oShown();
    // The sign-in block stands in for the OAuth predicate (usually a hidden const discriminator).
    if (n.oauth == 'predicate' && oauth) return this.#oBlock();
    return n.hidden || n.preset || n.kind == 'const' || (n.oauth == 'output' && oauth) ? nothing : this.#control(n, path);
  }

  #control(n: FieldNode, path: Path): unknown {
    const t = this.t.bind(this);
    const { kind, title, required } = n;
    const ptr = pointer(path);
    const id = idOf(ptr);
    const v = getAt(this.#draft, path);
    const err = this.#shown(ptr);
    const ui = this.#ui;
    const saved = kind == 'secret' && v === SECRET_MASK && !ui.has('c' + ptr);
    const tags = kind == 'arrayOfStrings';
    const numeric = kind == 'integer' || kind == 'number';
    const list = Array.isArray(v) ? v : [];
    const hints = [n.description.length && desc(n.description), tags && t('formAddValue'), n.examples && t('formExamples', n.examples), n.hint && t('formHint', n.hint), kind == 'json' && t('formJsonHint')].filter(Boolean);
    const by = [saved && id + '-s', hints.length && id + '-h', err && id + '-e'].filter(Boolean).join(' ') || nothing;
    // the "(Optional)" tag is drawn by CSS from `data-opt` (hidden from the accessible name, as before)
    const opt = required || kind == 'boolean' ? nothing : t('formOptional');
    // plain-text hints as one text node (an array costs a Lit part and two markers per item); label, hint
    // and error are parts of the field's own template, not templates of their own
    const hint = hints.every((h) => typeof h == 'string') ? hints.join(' ') : hints.map((h) => [' ', h]);
    const error = errorOf(id, err);
    const edit = (x: unknown, commit?: boolean, render?: boolean) => this.#set(n, path, x, commit, render);
    // the control's events reach the form's delegated listeners, which find the field by the control's id
    this.#ctl.set(id, [n, path]);
    // the input of secrets, dates and tags (text and numbers have their own template below)
    const input = (type = 'text') =>
      html`<input id=${id} type=${type} part="input" .value=${tags ? '' : text(v)} autocomplete=${type == 'password' ? 'new-password' : 'off'} inputmode=${tags && n.itemType != 'string' ? 'decimal' : nothing} aria-required=${required} aria-invalid=${!!err} aria-describedby=${by} ?readonly=${saved || n.schema.readOnly === true} />`;
    // multiline text (certificates, keys, JSON): a "Load from file" button fills it from a local file
    const upload = () =>
      html`<button type="button" class="ab-button" @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>${t('formLoadFile')}<span class="visually-hidden"> ${title}</span></button><input type="file" hidden @change=${(e: Event) => this.#load(n, path, target(e))} />`;
    const textarea = (masked = false) =>
      html`<textarea id=${id} part="input" rows="3" class=${masked ? 'masked' : ''} spellcheck="false" autocomplete="off" .value=${kind == 'json' && v !== undefined && !(v instanceof JsonText) ? JSON.stringify(v, null, 2) : text(v)} aria-required=${required} aria-invalid=${!!err} aria-describedby=${by}></textarea>`;
    const select = (options: unknown, labelledBy?: string) =>
      html`<select id=${id} part="input" aria-labelledby=${labelledBy ?? nothing} aria-required=${required} aria-invalid=${!!err} aria-describedby=${by}>${options}</select>`;
    const button = (content: string, click: () => void, pressed?: boolean) =>
      html`<button type="button" class="ab-button" aria-pressed=${pressed ?? nothing} aria-controls=${pressed === undefined ? nothing : id} @click=${click}>${content}<span class="visually-hidden"> ${title}</span></button>`;
    // per-field UI flags: `r` secret revealed, `c` saved secret being changed
    const flag = (k: string, on: boolean, then = () => this.requestUpdate()) => () => {
      if (on) ui.set(k + ptr, 1);
      else ui.delete(k + ptr);
      then();
    };
    const change = (on: boolean) =>
      flag('c', on, () => {
        edit(on ? '' : SECRET_MASK, true, true);
        void this.#focus(ptr);
      });
    const field = (control: unknown) =>
      html`<div class="field" part="field"><label for=${id} part="label" data-opt=${opt} .textContent=${title}></label>${control}<div class="hint" id=${id + '-h'} ?hidden=${!hints.length}>${hint}</div>${error}</div>`;
    const group = (gid: string, ...body: unknown[]) =>
      html`<fieldset id=${gid} part="group" aria-describedby=${gid == id ? by : nothing}><legend id=${id + '-l'} data-opt=${opt} .textContent=${title}></legend><div class="hint" id=${id + '-h'} ?hidden=${!hints.length}>${hint}</div>${error}${body}</fieldset>`;

    switch (kind) {
      case 'object':
        return group(id, this.#sections(n.sections!, path, ptr));
      case 'oneOf': {
        const opts = n.options!;
        const sel = selectedOption(n, v);
        const shown = opts.flatMap((o, i) => (o.hidden && i != sel ? [] : [[o, i] as const]));
        // a discriminator preset by the template: nothing left to choose
        const preset = sel >= 0 && opts[sel].children.find((c) => c.key == n.discriminator)?.preset;
        return group(
          id + '-g',
          preset
            ? nothing
            : n.radio
              ? html`<div class="tiles" id=${id}>${shown.map(([o, i]) => html`<label class="tile"><input type="radio" name=${id} .checked=${i == sel} aria-describedby=${by} @change=${() => this.#choose(n, path, i)} /><span>${o.title}${o.description.length ? html`<span class="hint"><br />${desc(o.description)}</span>` : nothing}</span></label>`)}</div>`
              : [
                  select([sel < 0 ? option(-1, true, t('formChooseOption')) : nothing, shown.map(([o, i]) => option(i, i == sel, o.title))], id + '-l'),
                  sel >= 0 && opts[sel].description.length ? html`<div class="hint">${desc(opts[sel].description)}</div>` : nothing,
                ],
          sel >= 0 ? keyed(sel, this.#sections(opts[sel].sections, path, ptr + '#' + sel)) : nothing,
        );
      }
      case 'arrayOfObjects': {
        const item = n.item!;
        const update = (next: unknown[], focus: string) => {
          this.#replace(path, next);
          void this.#focusSoon('#' + focus);
        };
        return group(
          id,
          repeat(list, keyOf, (_, i) => {
            const ip = [...path, i];
            const iid = idOf(pointer(ip));
            const label = t('formItem', item.title, i + 1);
            const arrow = (d: number) => {
              const j = i + d;
              const move = () => {
                const next = [...list];
                [next[i], next[j]] = [next[j], next[i]];
                // focus follows the item: on its arrow of the same direction, or the other one at the ends
                update(next, `${idOf(pointer([...path, j]))}-${(j == 0 || j == list.length - 1) == d < 0 ? 'down' : 'up'}`);
              };
              return html`<button type="button" class="icon" id=${iid + (d < 0 ? '-up' : '-down')} aria-label=${t(d < 0 ? 'formMoveUp' : 'formMoveDown', label)} ?disabled=${j < 0 || j >= list.length} @click=${move}>${d < 0 ? '↑' : '↓'}</button>`;
            };
            // an object item is a collapsible sub-form whose header summarises it ("Name: orders | Format: CSV")
            return html`<fieldset class="item" part="item" id=${iid}><legend>${label}</legend><div class="item-head">${arrow(-1)}${arrow(1)}<button type="button" class="ab-button" @click=${() => update(list.filter((_, j) => j != i), id + '-add')}>${t('formRemoveItem', label)}</button></div>${item.kind == 'object'
              ? html`<details open><summary part="item-summary">${itemSummary(item, list[i]) || t('formItemEmpty')}</summary><div class="section">${this.#sections(item.sections!, ip, pointer(ip))}</div></details>`
              : this.#field(item, ip)}</fieldset>`;
          }),
          html`<div><button type="button" class="ab-button" id=${id + '-add'} @click=${() => {
            this.#replace(path, [...list, initialOf(item) ?? {}]);
            void this.#focus(pointer([...path, list.length]));
          }}>${t('formAddItem', item.title)}</button></div>`,
        );
      }
      case 'enum':
      case 'multiEnum': {
        const vals = n.enumValues!;
        const multi = kind == 'multiEnum';
        const has = (x: unknown, q: string) => text(x).toLowerCase().includes(q.toLowerCase());
        const filter = String(ui.get('f' + ptr) ?? '');
        // the values matching the filter (and the chosen one, so the select keeps showing it)
        const idx = vals.flatMap((x, i) => (has(x, filter) || (!multi && x === v) ? [i] : []));
        const at = vals.indexOf(v);
        const box =
          vals.length > 20
            ? html`<input type="search" part="filter" aria-label=${t('formFilter', title)} aria-controls=${multi ? id + '-o' : id} .value=${filter} @input=${(e: Event) => {
                const q = target(e).value;
                ui.set('f' + ptr, q);
                this.requestUpdate();
                this.announce(t('formMatches', vals.filter((x) => has(x, q)).length));
              }} />`
            : nothing;
        return multi
          ? group(id, box, html`<div class="options" id=${id + '-o'}>${idx.map((i) => html`<label class="check"><input type="checkbox" .checked=${list.includes(vals[i])} @change=${(e: Event) => edit(vals.filter((x, j) => (j == i ? target(e).checked : list.includes(x))), true, true)} />${text(vals[i])}</label>`)}</div>`)
          : field([box, select([at < 0 || !required ? option('', at < 0, t('formChooseOption')) : nothing, idx.map((i) => option(i, i == at, text(vals[i])))])]);
      }
      case 'boolean':
        return html`<div class="field" part="field"><div class="check"><input id=${id} type="checkbox" part="input" .checked=${(v ?? n.default) === true} aria-describedby=${by} ?disabled=${n.schema.readOnly === true} /><label for=${id} part="label">${title}</label></div><div class="hint" id=${id + '-h'} ?hidden=${!hints.length}>${hint}</div>${error}</div>`;
      case 'secret': {
        const shown = ui.has('r' + ptr);
        return field(
          html`<div class="row">${saved
            ? [input('password'), html`<span id=${id + '-s'} class="visually-hidden">${t('formSecretSaved')}</span>`, button(t('formChangeSecret'), change(true))]
            : [n.multiline ? [textarea(!shown), upload()] : input(shown ? 'text' : 'password'), button(t('formShowSecret'), flag('r', !shown), shown), ui.has('c' + ptr) ? button(t('formKeepSecret'), change(false)) : nothing]}</div>`,
        );
      }
      case 'text':
        return field(html`<div class="row">${textarea()}${upload()}</div>`);
      case 'json':
        return field(textarea());
      case 'date':
      case 'datetime': {
        const mode = n.dateMode!;
        this.#ctl.set(id + '-d', [n, path, true]);
        return field(html`<div class="row">${input()}<input id=${id + '-d'} type=${mode == 'datetime' ? 'datetime-local' : mode} step=${mode == 'datetime' ? '1' : nothing} aria-label=${t('formPickDate', title)} .value=${toPicker(mode, v)} /></div>`);
      }
      case 'arrayOfStrings':
        return field([
          list.length
            ? html`<ul class="chips" aria-label=${title}>${list.map(
                (x, i) =>
                  html`<li>${text(x)}<button type="button" aria-label=${t('formRemoveValue', text(x))} @click=${() => {
                    edit(list.filter((_, j) => j != i), true, true);
                    void this.#focus(ptr);
                  }}>×</button></li>`,
              )}</ul>`
            : nothing,
          input(),
        ]);
      default:
        // the common case (text and numbers) as one template: field, label, input, hint and error
        return html`<div class="field" part="field"><label for=${id} part="label" data-opt=${opt} .textContent=${title}></label><input id=${id} part="input" .value=${text(v)} autocomplete="off" inputmode=${kind == 'integer' ? 'numeric' : numeric ? 'decimal' : nothing} placeholder=${numeric && v === undefined && n.default !== undefined ? text(n.default) : nothing} aria-required=${required} aria-invalid=${!!err} aria-describedby=${by} ?readonly=${n.schema.readOnly === true} /><div class="hint" id=${id + '-h'} ?hidden=${!hints.length}>${hint}</div>${error}</div>`;
    }
  }

  // ——— OAuth sign-in ———

  /** Whether the sign-in block shows: the spec has OAuth, and no predicate or the predicate holds its value. */
  #oShown(): boolean {
    const a = this.#model?.auth;
    return !!a && (!a.predicateKey || getAt(this.#draft, a.predicateKey) === a.predicateValue);
  }

  /** True when the value holds every token the flow returns (also a saved source's masked values). */
  #signedIn(): boolean {
    const outputs = this.#model?.auth?.outputs ?? [];
    return outputs.length ? outputs.every(([, p]) => !isEmpty(getAt(this.#draft, p))) : this.#oDone;
  }

  /** Where the sign-in's errors go: the predicate field, else the first field it fills. */
  #oAnchor(): string {
    const a = this.#model!.auth!;
    return pointer(a.predicateKey ?? a.outputPaths[0] ?? []) || '/';
  }

  /** Starts the sign-in. Runs synchronously in the click handler: the popup opens right here. */
  #oStart(): void {
    const a = this.#model!.auth!;
    const { api } = this;
    const def = this.#template?.source_definition_id;
    const name = this.#connector();
    if (this.#flow?.active) return this.#flow.focusPopup();
    if (!api || !def) return this.#oOutcome({ status: 'error', reason: 'consent-failed', error: new ApiError('invalid_token', this.t('oauthNoClient')) });
    // the fields the consent request needs (e.g. a subdomain) come first
    this.#revalidate();
    const bad = a.inputs.map(([, p]) => pointer(p)).filter((p) => this.#errors.has(p));
    if (bad.length) {
      bad.forEach((p) => this.#touched.add(p));
      void this.#focus(bad[0]);
      return this.#oNote('error', this.t('oauthInputsFirst'), false);
    }
    const redirect_url = redirectUrl(this.oauthRedirectUrl);
    const source_id = this.sourceId || undefined;
    const oauth_input_configuration: Obj = {};
    for (const [k, p] of a.inputs) if (!isEmpty(getAt(this.#draft, p))) oauth_input_configuration[k] = getAt(this.#draft, p);
    this.#flow?.dispose();
    this.#oNotice = undefined;
    const flow: OAuthFlow = (this.#flow = new OAuthFlow({
      loadingText: this.t('oauthOpening', name),
      getConsentUrl: (signal) => getEmbeddedConsentUrl(api, { source_definition_id: def, redirect_url, source_id, oauth_input_configuration }, { signal }),
      complete: (query_params, signal) => completeSourceOAuth(api, { source_definition_id: def, redirect_url, query_params, source_id }, { signal }),
      onPhase: (p) => {
        if (this.#flow != flow) return;
        this.#oPhase = p == 'done' ? 'idle' : p == 'waiting' && flow.blocked ? 'blocked' : p;
        if (p == 'opening') this.announce(this.t('oauthOpening', name));
        this.requestUpdate();
      },
      onOutcome: (o) => this.#flow == flow && this.#oOutcome(o),
    }));
    flow.start();
  }

  #oNote(status: OAuthStatus, message: string, event = true): void {
    this.#oNotice = { status, message };
    this.announce(message);
    if (event) this.dispatchEvent(new AbOAuthEvent({ status, message }));
    this.requestUpdate();
  }

  #oOutcome({ status, reason, error, description, payload }: OAuthOutcome): void {
    const a = this.#model!.auth!;
    const detail = description || (error instanceof Error && error.message) || this.t('errorTitle');
    // the message of each reason: `oauth` + the reason in camelCase (oauthBlocked, oauthDenied, oauthProviderError,
    // oauthClosed, oauthCancelled, oauthUnknownState, oauthCompleteFailed), but for three older names
    const key = ({ 'signed-in': 'oauthSucceeded', 'invalid-consent-url': 'oauthInvalidUrl', 'consent-failed': 'oauthStartFailed' }[reason as string] ??
      ('oauth-' + reason).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())) as TranslationKey;
    if (reason == 'signed-in' || reason == 'closed') this.#oPhase = 'idle';
    if (reason == 'signed-in') {
      // `auth_payload` at each key's `path_in_connector_config` (keys the spec does not declare have no
      // place in the config), and the predicate at its value
      this.#oDone = true;
      for (const [k, p] of [...a.serverOutputs, ...a.outputs]) if (payload?.[k] !== undefined) setAt(this.#draft, p, payload[k]);
      if (a.predicateKey && a.predicateValue !== undefined) setAt(this.#draft, a.predicateKey, a.predicateValue);
      this.#replace([], this.#draft);
    }
    if (reason == 'blocked') {
      this.#oPhase = 'blocked';
      void this.#focusSoon('[part~="oauth-link"]');
    }
    if (error) this.reportError(error);
    this.#oNote(status, (this.t as (k: TranslationKey, ...a: string[]) => string)(key, ...(reason.endsWith('failed') ? [detail] : [this.#connector(), detail])));
  }

  /** The sign-in block: button, Cancel, progress or "Signed in", the blocked-popup link, the last problem. */
  #oBlock(): unknown {
    const t = this.t.bind(this);
    const name = this.#connector();
    const ptr = this.#oAnchor();
    const id = idOf(ptr);
    const ph = this.#oPhase;
    const running = ph != 'idle';
    const signedIn = this.#signedIn() && !running;
    const notice = this.#oNotice;
    const status = { opening: t('oauthOpening', name), waiting: t('oauthWaiting', name), completing: t('oauthCompleting'), blocked: t('oauthBlocked'), done: '', idle: signedIn ? t('oauthSignedIn', name) : '' }[ph];
    const problem = notice && !/success|blocked/.test(notice.status) && !running ? notice.message : '';
    const required = !this.#signedIn() && !running && !problem && this.#shown(ptr);
    const line = (part: string, content: unknown, cls = 'ab-error-text') => (content ? html`<p class=${cls} part=${part} id=${id + part}>${content}</p>` : nothing);
    return html`<div class="oauth" part="oauth" data-state=${signedIn ? 'signed-in' : ph}><div class="actions"><button type="button" id=${id} class="ab-button" part="oauth-button" data-variant=${signedIn ? 'secondary' : 'primary'} aria-describedby=${[status && id + 'oauth-status', problem && id + 'oauth-notice', required && id + 'oauth-required'].filter(Boolean).join(' ') || nothing} aria-busy=${running} @click=${() => this.#oStart()}>${signedIn ? t('oauthReauthenticate') : t('oauthSignIn', name)}</button>${running ? html`<button type="button" class="ab-button" part="oauth-cancel" @click=${() => this.#flow?.cancel()}>${t('oauthCancel')}</button>` : nothing}</div>${line('oauth-status', status && [running && ph != 'blocked' ? spinner : nothing, status], signedIn ? 'oauth-status signed-in' : 'oauth-status')}${ph == 'blocked' && this.#flow?.consentUrl ? html`<p><a part="oauth-link" href=${this.#flow.consentUrl} target="_blank" rel="noopener noreferrer">${t('oauthOpenInTab', name)}</a></p>` : nothing}${line('oauth-notice', problem)}${line('oauth-required', required)}</div>`;
  }

  // ——— render ———

  override render() {
    const t = this.t.bind(this);
    const m = this.#model;
    const api = !!(this.templateId || this.sourceId);
    if (!m) {
      const { status: s, error } = this.#loader;
      return html`${s == TaskStatus.ERROR && !isAbortError(error)
        ? html`<div class="status" part="status" data-phase="failed" role="alert"><p>${t('formLoadFailed')} ${this.errorMessage(error)}</p><button type="button" class="ab-button" @click=${() => this.#loader.run()}>${t('retry')}</button></div>`
        : s == TaskStatus.PENDING || s == TaskStatus.ERROR
          ? html`<div part="loading" class="status" aria-busy="true">${spinner} ${t('loading')}</div>`
          : html`<p part="status">${t(api ? 'noToken' : 'formNoSpec')}</p>`}${liveRegion()}`;
    }
    const ph = this.#phase;
    const busy = this.#busy();
    const locked = this.matches(':disabled') || (ph == 'done' && !this.sourceId && api);
    const name = this.#specName();
    const icon = iconSrc(this.#template ? this.#template.icon : (this.spec as Obj | undefined)?.icon);
    const docs = m.documentationUrl;
    // the messages shown now, once per render (the summary and every collapsed section's #hasContent read them)
    this.#shownNow = this.#shownErrors();
    const errs = this.#summary ? this.#shownNow : [];
    const nameId = idOf(NAME);
    const nameErr = this.#shown(NAME);
    this.#ctl.clear();
    return html`<form part="form" novalidate aria-busy=${busy} @submit=${(e: Event) => (e.preventDefault(), this.submit())} @input=${this.#on} @change=${this.#on} @focusout=${this.#on} @keydown=${this.#on}>${name || icon || docs
        ? html`<header part="header">${icon ? html`<img part="icon" src=${icon} alt="" />` : nothing}${name ? html`<h2 part="title">${name}</h2>` : nothing}${docs ? html`<a part="docs" href=${docs} target="_blank" rel="noopener noreferrer">${t('formDocs')}</a>` : nothing}</header>`
        : nothing}${errs.length
        ? html`<div class="summary" part="error-summary" tabindex="-1" role="group" aria-labelledby="summary-title"><p id="summary-title"><b>${t('formErrorSummary', errs.length)}</b></p><ul>${errs.map(([p, msg]) => html`<li><button type="button" @click=${() => this.#focus(p)}>${this.#titleAt(p)}: ${msg}</button></li>`)}</ul></div>`
        : nothing}<fieldset class="bare" ?disabled=${locked}>${api
        ? html`<div class="field" part="field"><label for=${nameId} part="label" data-opt=${t('formOptional')}>${t('formSourceName')}</label><input id=${nameId} part="input" autocomplete="off" .value=${this.#name} aria-invalid=${!!nameErr} aria-describedby=${nameErr ? nameId + '-e' : nothing} @input=${(e: Event) => {
            this.#name = target(e).value;
            if (this.#server.delete(NAME)) this.requestUpdate();
          }} />${errorOf(nameId, nameErr)}</div>`
        : nothing}${m.auth && !m.auth.predicateKey && this.#oShown() ? this.#oBlock() : nothing}${keyed(
        this.#gen,
        m.cards.map((c) => {
          const hid = idOf('#' + c.id);
          return html`<section class="card" part="card" aria-labelledby=${c.title ? hid : nothing}>${c.title ? html`<h3 id=${hid}>${c.title}</h3>` : nothing}${this.#sections(c.sections, [], 'c' + c.id)}</section>`;
        }),
      )}</fieldset>${ph == 'idle'
        ? nothing
        : html`<div class="status" part="status" data-phase=${busy ? 'checking' : ph} tabindex="-1" role=${ph == 'failed' ? 'alert' : nothing}>${busy
            ? html`${spinner} ${ph == 'saving' ? t('formCheckSucceeded') : this.#check == 'running' ? t('formCheckRunning') : t('formCheckQueued')} <span>${t('formCheckElapsed', Math.round((Date.now() - this.#started) / 1000))}</span>`
            : html`${ph == 'failed' && this.#notice != t('formCheckCancelled') && this.#check == 'failed' ? html`<p><b>${t('formCheckFailed')}</b></p>` : nothing}<p>${this.#notice}</p>`}</div>`}<div class="actions" ?hidden=${(this.hideSubmit && !busy) || locked}>${this.hideSubmit
        ? nothing
        : html`<button type="submit" class="ab-button" data-variant="primary" part="submit" aria-disabled=${busy}>${t(this.sourceId ? 'formSubmitEdit' : api ? 'formSubmitCreate' : 'formSubmitSpec')}</button>`}${busy ? html`<button type="button" class="ab-button" part="cancel" @click=${() => this.#abort?.abort(CANCEL)}>${t('cancel')}</button>` : nothing}</div></form>${liveRegion()}`;
  }
}
