import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { EmbeddedClient } from '../../api/client.js';
import { ApiError, isAbortError, type FieldError } from '../../api/errors.js';
import type { CheckStatus, CheckStatusValue, Source, SourceTemplate } from '../../api/types.js';
import { AbApiElement } from '../../internal/api-element.js';
import { liveRegion } from '../../internal/live-region.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { buildModel, isObj } from '../../spec/model.js';
import type { FormModel } from '../../spec/types.js';
import { initialValue, pointer, toSubmitValue } from '../../spec/value.js';
import { iconSrc } from '../source-picker/icon.js';
import { FieldsView, idOf } from './source-form.fields.js';
import type { OAuthController } from './oauth-controller.js';
import { attachOAuth, topOAuthBlock } from './oauth-section.js';
import { oauthStyles } from './oauth.styles.js';
import { AbBeforeSubmitEvent, AbCheckEvent, AbSourceCreatedEvent, AbSourceUpdatedEvent, AbSubmitEvent } from './source-form.events.js';
import { styles } from './source-form.styles.js';

/** Dispatches outside the class so the manifest lists only the documented `@fires` events. */
const fire = (el: HTMLElement, e: Event) => el.dispatchEvent(e);

type Phase = 'idle' | 'checking' | 'saving' | 'failed' | 'done';
type Loaded = { template: SourceTemplate; source?: Source };
const NAME = '#name';

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
  static override styles = [hostStyles, styles, oauthStyles];
  static formAssociated = true;

  /** Create mode: the source template to configure (fetched from the API). */
  @property({ attribute: 'template-id' }) accessor templateId = '';

  /** Edit mode: the source to edit (fetched with its template). Wins over `template-id`. */
  @property({ attribute: 'source-id' }) accessor sourceId = '';

  /** The form-association name: inside a `<form>`, the config is in `FormData` under this name as JSON. */
  @property({ reflect: true }) accessor name = '';

  /** Presets the new source's name (default: "<connector> – <date>"). */
  @property({ attribute: 'source-name' }) accessor sourceName = '';

  /** Hides the submit button (the host calls `submit()` or submits the surrounding form). */
  @property({ type: Boolean, attribute: 'hide-submit' }) accessor hideSubmit = false;

  /** Opens the "Optional fields" sections. */
  @property({ type: Boolean, attribute: 'expand-optional' }) accessor expandOptional = false;

  /**
   * URL of the host's OAuth callback page (`dist/oauth-callback.html`, or a page calling `relayOAuthCallback()`
   * from `ab-elements/oauth-callback`), on this page's origin; sent as `redirect_url`. Relative URLs resolve
   * against the document. Default: `/oauth-callback.html`.
   */
  @property({ attribute: 'oauth-redirect-url' }) accessor oauthRedirectUrl = '';

  /** Spec mode: a `ConnectorSpecification` (or a bare `connectionSpecification`) to render with no API call. */
  @property({ attribute: false }) accessor spec: unknown = undefined;

  @state() private accessor phase: Phase = 'idle';
  @state() private accessor checkStatus: CheckStatusValue = 'pending';
  @state() private accessor notice = '';
  @state() private accessor elapsed = 0;
  @state() private accessor summary = false;
  @state() private accessor disabled = false;

  private readonly internals: ElementInternals = this.attachInternals();
  /** The fields, their values and their errors. @internal */
  readonly view: FieldsView = new FieldsView(this.viewHost());
  /** The OAuth sign-in (connectors with `advanced_auth`). @internal */
  readonly oauth: OAuthController = attachOAuth({
    host: this,
    view: this.view,
    client: () => this.api,
    template: () => this.#template,
    sourceId: () => this.sourceId,
    redirectUrl: () => this.oauthRedirectUrl,
    connectorName: () => this.#connectorName(),
    t: ((k: never, ...a: never[]) => this.t(k, ...a)) as AbSourceForm['t'],
    announce: (m) => this.announce(m),
    reportError: (e) => this.reportError(e),
    changed: () => this.#changed(true),
  });
  #template?: SourceTemplate;
  #source?: Source;
  #key = '';
  #pending?: Record<string, unknown>;
  #name = '';
  #busy = false;
  #cancelled = false;
  #abort?: AbortController;
  #timer?: ReturnType<typeof setInterval>;
  #syncQueued = false;
  #reloadOnConnect = false;

  private readonly loader = new Task(this, {
    args: () => [this.templateId || this.sourceId ? this.api : undefined, this.templateId, this.sourceId] as const,
    task: async ([api, templateId, sourceId]: readonly [EmbeddedClient | undefined, string, string], { signal }): Promise<Loaded | typeof initialState> => {
      if (!api || !(templateId || sourceId)) return initialState;
      if (!sourceId) return { template: await api.getSourceTemplate(templateId, { signal }) };
      const source = await api.getSource(sourceId, { signal });
      let template = source.source_template;
      if (!isObj(template?.user_config_spec)) template = await api.getSourceTemplate(template.id, { signal });
      return { template, source };
    },
    onComplete: (r) => this.#setup(r),
    onError: (e) => this.reportError(e),
  });

  private viewHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const el = this;
    return {
      t: ((k: never, ...a: never[]) => el.t(k, ...a)) as FieldsView['tr'] & AbSourceForm['t'],
      requestUpdate: () => el.requestUpdate(),
      get updateComplete() {
        return el.updateComplete;
      },
      get renderRoot() {
        return el.renderRoot;
      },
      announce: (m: string) => el.announce(m),
      changed: (commit: boolean) => el.#changed(commit),
    };
  }

  /** The config that would be submitted: defaults applied, blanks dropped, only the chosen options' keys. */
  get value(): Record<string, unknown> {
    const m = this.view.model;
    return m ? toSubmitValue(m, this.view.draft) : (this.#pending ?? {});
  }

  set value(v: Record<string, unknown>) {
    const m = this.view.model;
    if (!m) {
      this.#pending = isObj(v) ? v : undefined;
      return;
    }
    this.view.reset(m, initialValue(m, isObj(v) ? v : {}, this.#template?.partial_default_config));
    this.requestUpdate();
    this.#queueSync();
  }

  /** The form model (read-only; for tools and tests). */
  get model(): FormModel | undefined {
    return this.view.model;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#reloadOnConnect) {
      this.#reloadOnConnect = false;
      void this.loader.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loader.status === TaskStatus.PENDING) {
      this.loader.abort();
      this.#reloadOnConnect = true;
    }
    this.#abort?.abort();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.view.expandOptional = this.expandOptional;
    const ids = changed.has('templateId') || changed.has('sourceId');
    if (ids && (this.templateId || this.sourceId)) {
      this.#key = '';
      this.view.reset(undefined, {});
    }
    if ((ids || changed.has('spec')) && !this.templateId && !this.sourceId) this.#setup();
    if (changed.has('sourceName') && this.sourceName) this.#name = this.sourceName;
  }

  override update(changed: PropertyValues<this>): void {
    this.view.committing = true;
    try {
      super.update(changed);
    } finally {
      this.view.committing = false;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const states = this.internals.states;
    const set = (s: string, on: boolean) => {
      try {
        on ? states.add(s) : states.delete(s);
      } catch {
        /* engines without custom state names */
      }
    };
    set('loading', this.loader.status === TaskStatus.PENDING);
    set('invalid', this.view.errors.size > 0);
    set('checking', this.phase === 'checking' || this.phase === 'saving');
    set('failed', this.phase === 'failed');
    set('done', this.phase === 'done');
  }

  /** Builds the model and the working value from a loaded template/source, or from `spec`. */
  #setup(loaded?: Loaded): void {
    const template = loaded?.template;
    const source = loaded?.source;
    const key = source ? 's' + source.id : template ? 't' + template.id : '';
    const spec = template ? template.user_config_spec : this.spec;
    const model = spec ? buildModel(spec, { partialDefaultConfig: template?.partial_default_config, mode: source ? 'edit' : 'create' }) : undefined;
    if (key && key === this.#key && model && this.view.model) {
      // same template/source again (e.g. a new token): keep what the user typed
      this.view.model = model;
      this.view.revalidate();
      return;
    }
    this.#key = key;
    this.#template = template;
    this.#source = source;
    const draft = model ? initialValue(model, this.#pending ?? source?.source_config, template?.partial_default_config) : {};
    this.#pending = undefined;
    this.#name = this.sourceName || source?.name || (template ? this.t('formSourceNameDefault', template.name, this.#today()) : '');
    this.view.reset(model, draft);
    this.oauth.reset();
    this.phase = 'idle';
    this.summary = false;
    this.notice = '';
    this.requestUpdate();
    this.#queueSync();
  }

  #connectorName(): string {
    const spec = this.spec as Record<string, unknown> | undefined;
    return this.#template?.name || (typeof spec?.name === 'string' ? spec.name : '') || this.view.model?.title || '';
  }

  #today(): string {
    try {
      return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(new Date());
    } catch {
      return new Date().toISOString().slice(0, 10);
    }
  }

  #changed(commit: boolean): void {
    fire(this, new Event('input', { bubbles: true, composed: true }));
    if (commit) fire(this, new Event('change', { bubbles: true }));
    this.#queueSync();
  }

  #queueSync(): void {
    if (this.#syncQueued) return;
    this.#syncQueued = true;
    queueMicrotask(() => {
      this.#syncQueued = false;
      this.#sync();
    });
  }

  /** Form association: the JSON value and the validity (anchored at the first invalid control). */
  #sync(): void {
    const m = this.view.model;
    this.internals.setFormValue(m ? JSON.stringify(this.value) : null);
    const [first, message] = this.view.errors.entries().next().value ?? [];
    if (first === undefined) this.internals.setValidity({});
    else {
      const anchor = (this.renderRoot as ShadowRoot | undefined)?.getElementById?.(idOf(first)) ?? undefined;
      this.internals.setValidity({ customError: true }, `${this.view.titleAt(pathOf(first))}: ${message}`, anchor);
    }
  }

  /** Validates everything; returns true when the value can be submitted. Fires `invalid` when it cannot. */
  checkValidity(): boolean {
    if (!this.view.model) return true;
    this.view.revalidate();
    this.#sync();
    return this.internals.checkValidity();
  }

  /** Like `checkValidity()`, and shows every error with a summary that takes focus. */
  reportValidity(): boolean {
    const ok = this.checkValidity();
    if (!ok) void this.#showErrors();
    return ok;
  }

  async #showErrors(): Promise<void> {
    this.view.showAll = true;
    this.summary = true;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  /** Runs the submit flow of the form's own button: validate → check → create/save (spec mode: `ab-submit`). */
  async submit(): Promise<void> {
    if (this.#busy || !this.view.model || !this.isConnected) return;
    this.#busy = true;
    try {
      this.notice = '';
      this.view.server.clear();
      this.view.revalidate();
      if (this.view.errors.size) {
        this.#sync();
        return void (await this.#showErrors());
      }
      this.summary = false;
      const value = this.value;
      const before = new AbBeforeSubmitEvent({ value });
      fire(this, before);
      if (before.defaultPrevented) return;
      if (!this.templateId && !this.sourceId) return void fire(this, new AbSubmitEvent({ value }));
      await this.#run(value);
    } finally {
      this.#busy = false;
    }
  }

  async #run(config: Record<string, unknown>): Promise<void> {
    const api = this.api;
    const template = this.#template;
    if (!api || !template) {
      this.phase = 'failed';
      this.notice = this.t('noToken');
      return;
    }
    const t = this.t.bind(this);
    const abort = (this.#abort = new AbortController());
    const signal = abort.signal;
    const name = this.#name.trim() || undefined;
    const sourceId = this.sourceId;
    const started = Date.now();
    this.#cancelled = false;
    this.phase = 'checking';
    this.checkStatus = 'pending';
    this.elapsed = 0;
    this.#timer = setInterval(() => (this.elapsed = Math.round((Date.now() - started) / 1000)), 1000);
    this.announce(t('formCheckQueued'));
    const failText = (s: CheckStatus) => s.enhanced_error_message || s.error_message || t('formCheckFailed');
    try {
      const job = sourceId
        ? await api.checkSourceUpdate(sourceId, { name, source_config: config }, { signal })
        : await api.checkSource({ source_template_id: template.id, source_config: config, name }, { signal });
      let last = '';
      const status = await api.waitForCheck(job.id, {
        signal,
        onStatus: (s) => {
          if (s.status === last) return;
          last = s.status;
          this.checkStatus = s.status;
          fire(this, new AbCheckEvent({ status: s.status, message: s.status === 'failed' ? failText(s) : undefined }));
          if (s.status === 'running') this.announce(t('formCheckRunning'));
        },
      });
      if (status.status !== 'succeeded') {
        return this.#finish('failed', status.status === 'cancelled' ? t('formCheckCancelled') : failText(status));
      }
      this.phase = 'saving';
      this.announce(t('formCheckSucceeded'));
      const source = sourceId
        ? await api.updateSource(sourceId, { name, source_config: config }, { signal })
        : await api.createSource({ source_template_id: template.id, source_config: config, name }, { signal });
      this.#source = source;
      this.#finish('done', t(sourceId ? 'formUpdated' : 'formCreated', source.name));
      fire(this, sourceId ? new AbSourceUpdatedEvent({ source }) : new AbSourceCreatedEvent({ source }));
    } catch (e) {
      if (isAbortError(e)) {
        if (!this.#cancelled) return void (this.phase = 'idle');
        fire(this, new AbCheckEvent({ status: 'cancelled' }));
        return this.#finish('failed', t('formCheckCancelled'));
      }
      this.reportError(e);
      const mapped = e instanceof ApiError ? this.#mapFieldErrors(e.fieldErrors) : 0;
      this.#finish('failed', this.errorMessage(e));
      if (mapped) await this.#showErrors();
    } finally {
      clearInterval(this.#timer);
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  #finish(phase: Phase, notice: string): void {
    clearInterval(this.#timer);
    this.phase = phase;
    this.notice = notice;
    this.announce(notice);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.status')?.focus());
  }

  /** Puts the API's field errors (422) on their fields; returns how many found a place. */
  #mapFieldErrors(errors: FieldError[]): number {
    let n = 0;
    for (const { field, message } of errors) {
      if (!field) continue;
      const segs = field
        .replace(/\[(\d+)\]/g, '.$1')
        .split(/[./]/)
        .filter(Boolean);
      if (segs[0] === 'body') segs.shift();
      const inConfig = segs[0] === 'source_config';
      if (inConfig) segs.shift();
      if (!inConfig && segs.length === 1 && segs[0] === 'name') this.view.server.set(NAME, message);
      else if (segs.length) this.view.server.set(pointer(segs.map((s) => (/^\d+$/.test(s) ? +s : s))), message);
      else continue;
      n++;
    }
    return n;
  }

  /** Fields the API says are wrong (e.g. from a host's own backend in spec mode): `{field: dotted path, message}`. */
  setFieldErrors(errors: FieldError[]): void {
    this.view.server.clear();
    if (this.#mapFieldErrors(errors)) void this.#showErrors();
    else this.requestUpdate();
  }

  formResetCallback(): void {
    this.#key = '';
    this.#setup(this.#template ? { template: this.#template, source: this.#source } : undefined);
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  #header() {
    const spec = this.spec as Record<string, unknown> | undefined;
    const name = this.#template?.name ?? (typeof spec?.name === 'string' ? spec.name : '');
    const icon = iconSrc(this.#template ? this.#template.icon : spec?.icon);
    const docs = this.view.model?.documentationUrl;
    if (!name && !icon && !docs) return nothing;
    return html`<header part="header">
      ${icon ? html`<img part="icon" src=${icon} alt="" />` : nothing}
      ${name ? html`<h2 part="title">${name}</h2>` : nothing}
      ${docs ? html`<a part="docs" href=${docs} target="_blank" rel="noopener noreferrer">${this.t('formDocs')}</a>` : nothing}
    </header>`;
  }

  #summaryBox() {
    const errs = this.summary ? this.view.shownErrors() : [];
    if (!errs.length) return nothing;
    return html`<div class="summary" part="error-summary" tabindex="-1" role="group" aria-labelledby="summary-title">
      <p id="summary-title"><b>${this.t('formErrorSummary', errs.length)}</b></p>
      <ul>
        ${errs.map(
          (e) =>
            html`<li>
              <button type="button" @click=${() => this.view.focus(e.ptr)}>${e.ptr === NAME ? this.t('formSourceName') : this.view.titleAt(pathOf(e.ptr))}: ${e.message}</button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #status() {
    const t = this.t.bind(this);
    switch (this.phase) {
      case 'checking':
      case 'saving':
        return html`<div class="status" part="status" data-phase="checking" tabindex="-1">
          <span class="ab-spinner" aria-hidden="true"></span>
          ${this.phase === 'saving' ? t('formCheckSucceeded') : this.checkStatus === 'running' ? t('formCheckRunning') : t('formCheckQueued')}
          <span>${t('formCheckElapsed', this.elapsed)}</span>
        </div>`;
      case 'failed':
      case 'done':
        return html`<div class="status" part="status" data-phase=${this.phase} tabindex="-1" role=${ifDefined(this.phase === 'failed' ? 'alert' : undefined)}>
          ${this.phase === 'failed' && this.notice !== t('formCheckCancelled') && this.checkStatus === 'failed' ? html`<p><b>${t('formCheckFailed')}</b></p>` : nothing}
          <p>${this.notice}</p>
        </div>`;
    }
    return nothing;
  }

  override render() {
    const t = this.t.bind(this);
    const model = this.view.model;
    if (!model) {
      const s = this.loader.status;
      if (s === TaskStatus.ERROR && !isAbortError(this.loader.error))
        return html`<div class="status" part="status" data-phase="failed" role="alert">
            <p>${t('formLoadFailed')} ${this.errorMessage(this.loader.error)}</p>
            <button type="button" class="ab-button" @click=${() => this.loader.run()}>${t('retry')}</button>
          </div>
          ${liveRegion()}`;
      if (s === TaskStatus.PENDING || s === TaskStatus.ERROR)
        return html`<div part="loading" class="status" aria-busy="true"><span class="ab-spinner" aria-hidden="true"></span> ${t('loading')}</div>${liveRegion()}`;
      return html`<p part="status">${t(this.templateId || this.sourceId ? 'noToken' : 'formNoSpec')}</p>${liveRegion()}`;
    }
    const busy = this.phase === 'checking' || this.phase === 'saving';
    const api = !!(this.templateId || this.sourceId);
    const locked = this.disabled || (this.phase === 'done' && !this.sourceId && api);
    const nameErr = this.view.shown(NAME);
    const nameId = idOf(NAME);
    const stop = (e: Event) => e.stopPropagation();
    return html`<form
        part="form"
        novalidate
        aria-busy=${busy ? 'true' : 'false'}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit();
        }}
        @input=${stop}
        @change=${stop}
      >
        ${this.#header()} ${this.#summaryBox()}
        <fieldset class="bare" ?disabled=${locked}>
          ${api
            ? html`<div class="field" part="field">
                <label for=${nameId} part="label">${t('formSourceName')} <span class="opt" aria-hidden="true">(${t('formOptional')})</span></label>
                <input
                  id=${nameId}
                  part="input"
                  autocomplete="off"
                  .value=${this.#name}
                  aria-invalid=${nameErr ? 'true' : 'false'}
                  aria-describedby=${ifDefined(nameErr ? `${nameId}-e` : undefined)}
                  @input=${(e: Event) => {
                    this.#name = (e.target as HTMLInputElement).value;
                    if (this.view.server.delete(NAME)) this.requestUpdate();
                  }}
                />
                ${nameErr ? html`<div class="error" id="${nameId}-e" part="error">${nameErr}</div>` : nothing}
              </div>`
            : nothing}
          ${topOAuthBlock(this.oauth, this.view)} ${this.view.render()}
        </fieldset>
        ${this.#status()}
        <div class="actions" ?hidden=${(this.hideSubmit && !busy) || locked}>
          ${this.hideSubmit
            ? nothing
            : html`<button type="submit" class="ab-button" data-variant="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>
                ${t(this.sourceId ? 'formSubmitEdit' : api ? 'formSubmitCreate' : 'formSubmitSpec')}
              </button>`}
          ${busy
            ? html`<button
                type="button"
                class="ab-button"
                part="cancel"
                @click=${() => {
                  this.#cancelled = true;
                  this.#abort?.abort();
                }}
              >
                ${t('cancel')}
              </button>`
            : nothing}
        </div>
      </form>
      ${liveRegion()}`;
  }
}

/** JSON Pointer → path (numbers for array indexes). */
function pathOf(ptr: string): (string | number)[] {
  return ptr
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? +s : s));
}
