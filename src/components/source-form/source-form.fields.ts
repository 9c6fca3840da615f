import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DescNode } from '../../spec/description.js';
import type { FieldNode, FormModel, Path, Section } from '../../spec/types.js';
import { validateAll, validateField, type Translate } from '../../spec/validate.js';
import { getAt, initialOf, JsonText, pointer, SECRET_MASK, selectedOption, setAt, switchOption } from '../../spec/value.js';
import type { Translations } from '../../translations/en.js';

type Obj = Record<string, unknown>;
type T = <K extends keyof Translations>(key: K, ...args: Translations[K] extends (...a: infer A) => string ? A : []) => string;

/** What the fields view needs from the element around it. */
export interface ViewHost {
  t: T;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  announce(message: string): void;
  /** The value changed: fire `input` (and `change` when `commit`). */
  changed(commit: boolean): void;
}

/** DOM id of a field (unique per pointer; only [A-Za-z0-9_-] so it is safe in `aria-describedby`). */
export const idOf = (ptr: string) => 'f' + ptr.replace(/[^a-zA-Z0-9]/g, (c) => '_' + c.charCodeAt(0).toString(36) + '-');

const text = (v: unknown) => (v === undefined || v === null ? '' : v instanceof JsonText ? v.text : typeof v === 'object' ? JSON.stringify(v) : String(v));
const NUM = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const num = (s: string) => (s.trim() === '' ? undefined : NUM.test(s.trim()) ? Number(s) : s);
const LONG = 20;
const target = (e: Event) => e.target as HTMLInputElement;

const TAGS: Record<string, (c: unknown) => TemplateResult> = {
  code: (c) => html`<code>${c}</code>`,
  b: (c) => html`<b>${c}</b>`,
  i: (c) => html`<i>${c}</i>`,
  br: () => html`<br />`,
  p: (c) => html`<p>${c}</p>`,
  ul: (c) => html`<ul>${c}</ul>`,
  ol: (c) => html`<ol>${c}</ol>`,
  li: (c) => html`<li>${c}</li>`,
  pre: (c) => html`<pre>${c}</pre>`,
};

/** Renders a parsed description with Lit templates (never innerHTML); links open in a new tab. */
export function desc(nodes: DescNode[]): unknown {
  return nodes.map((n) =>
    typeof n === 'string'
      ? n
      : n.tag === 'a'
        ? n.href
          ? html`<a href=${n.href} target="_blank" rel="noopener noreferrer">${desc(n.children)}</a>`
          : desc(n.children)
        : TAGS[n.tag](desc(n.children)),
  );
}

const keys = new WeakMap<object, number>();
let nextKey = 0;
const keyOf = (x: unknown, i: number) => (x && typeof x === 'object' ? (keys.get(x) ?? (keys.set(x, ++nextKey), nextKey)) : `i${i}`);

/**
 * The fields of `<ab-source-form>`: renders a form model over a working value and owns the per-field UI
 * state (errors, touched fields, open sections, revealed secrets, enum filters). A keystroke updates one
 * value and that field's validation; the form re-renders only when a shown message changes.
 */
export class FieldsView {
  model?: FormModel;
  draft: Obj = {};
  /** Every current client-side error, by JSON Pointer. */
  errors = new Map<string, string>();
  /** Errors the API reported (422), shown until their field changes. */
  server = new Map<string, string>();
  touched = new Set<string>();
  /** After a submit attempt every error is shown. */
  showAll = false;
  expandOptional = false;
  readonly open = new Map<string, boolean>();
  readonly revealed = new Set<string>();
  readonly changing = new Set<string>();
  readonly filters = new Map<string, string>();
  /** Set by the host while it commits a render: a control removed then fires `blur`, which is no touch. */
  committing = false;
  /** Bumped when the value is replaced from outside, so every control is rebuilt from the new value. */
  gen = 0;
  /** Hook for the OAuth sign-in (issue 8): a template that replaces a field's control. */
  override?: (node: FieldNode, path: Path) => TemplateResult | undefined;
  /** Hook for the OAuth sign-in: fields to leave out (values the flow fills in). */
  hide?: (node: FieldNode, path: Path) => boolean;
  /** Hook for the OAuth sign-in: adjusts the errors of a full validation (hidden fields the flow fills in). */
  adjust?: (errors: Map<string, string>) => void;

  constructor(private readonly host: ViewHost) {}

  readonly tr: Translate = (key, arg) => (this.host.t as (k: string, ...a: unknown[]) => string)(key, arg);

  reset(model: FormModel | undefined, draft: Obj): void {
    this.model = model;
    this.draft = draft;
    this.server.clear();
    this.touched.clear();
    this.open.clear();
    this.revealed.clear();
    this.changing.clear();
    this.filters.clear();
    this.showAll = false;
    this.gen++;
    this.revalidate();
  }

  revalidate(): void {
    this.errors = this.model ? validateAll(this.model, this.draft, this.tr) : new Map();
    if (this.model) this.adjust?.(this.errors);
  }

  /** The message shown for a field now, if any. */
  shown(ptr: string): string | undefined {
    return this.server.get(ptr) ?? (this.showAll || this.touched.has(ptr) ? this.errors.get(ptr) : undefined);
  }

  /** Every shown message, in form order. */
  shownErrors(): { ptr: string; message: string }[] {
    const all = new Set([...this.errors.keys(), ...this.server.keys()]);
    return [...all].flatMap((ptr) => {
      const message = this.shown(ptr);
      return message ? [{ ptr, message }] : [];
    });
  }

  /** A leaf's new value: updates the value and that field's error only. */
  set(node: FieldNode, path: Path, v: unknown, commit = false, render = false): void {
    setAt(this.draft, path, v);
    const ptr = pointer(path);
    const before = this.shown(ptr);
    this.server.delete(ptr);
    const msg = validateField(node, v, this.tr);
    if (msg) this.errors.set(ptr, msg);
    else this.errors.delete(ptr);
    if (commit) this.touched.add(ptr);
    if (render || this.shown(ptr) !== before) this.host.requestUpdate();
    this.host.changed(commit);
  }

  /** A structural change (oneOf switch, array edit): replaces a subtree and validates everything again. */
  replace(path: Path, v: unknown): void {
    if (path.length) setAt(this.draft, path, v);
    else this.draft = v as Obj;
    const ptr = pointer(path);
    for (const k of this.server.keys()) if (k.startsWith(ptr + '/')) this.server.delete(k);
    this.revalidate();
    this.host.requestUpdate();
    this.host.changed(true);
  }

  private touch(ptr: string) {
    if (this.touched.has(ptr) || this.committing) return;
    this.touched.add(ptr);
    if (this.errors.has(ptr)) this.host.requestUpdate();
  }

  /** Focuses a field's control, opening the collapsed sections around it. */
  async focus(ptr: string): Promise<void> {
    await this.host.updateComplete;
    const root = this.host.renderRoot as ShadowRoot;
    let el = root.getElementById?.(idOf(ptr)) as HTMLElement | null;
    if (el && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) el = el.querySelector('input,select,textarea,button');
    for (let d = el?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    el?.focus();
  }

  /** A readable name for the field at `path`: item labels of the lists on the way, then its title. */
  titleAt(path: Path): string {
    const parts: string[] = [];
    let n: FieldNode | undefined = this.model?.root;
    let v: unknown = this.draft;
    for (const seg of path) {
      if (!n) break;
      if (n.kind === 'arrayOfObjects') {
        parts.push(this.host.t('formItem', n.item!.title, (seg as number) + 1));
        n = n.item;
      } else {
        const kids: FieldNode[] = n.kind === 'oneOf' ? (n.options![selectedOption(n, v)]?.children ?? []) : (n.children ?? []);
        n = kids.find((c) => c.key === seg);
        if (n && n.kind !== 'arrayOfObjects') parts.push(n.title);
      }
      v = getAt(v, [seg]);
    }
    return parts.slice(-2).join(' › ') || this.host.t('formSourceName');
  }

  render(): unknown {
    const m = this.model;
    if (!m) return nothing;
    return m.cards.map((c) => {
      const body = this.sections(c.sections, [], 'c' + c.id);
      return c.title
        ? html`<section class="card" part="card" aria-labelledby=${idOf('#' + c.id)}><h3 id=${idOf('#' + c.id)}>${c.title}</h3>${body}</section>`
        : html`<div class="card" part="card">${body}</div>`;
    });
  }

  private sections(list: Section[], path: Path, key: string): unknown {
    return list.map((s, i) => {
      const fields = s.fields.map((f) => this.field(f, f === this.model!.root ? [] : [...path, f.key]));
      if (!s.collapsible) return fields;
      const id = `${key}/${i}`;
      const open = this.open.get(id) ?? (this.expandOptional || s.fields.some((f) => this.hasContent(f, [...path, f.key])));
      return html`<details part="optional" ?open=${open} @toggle=${(e: Event) => this.open.set(id, (e.target as HTMLDetailsElement).open)}>
        <summary>${s.title ?? this.host.t('formOptionalFields')}</summary>
        <div class="section">${fields}</div>
      </details>`;
    });
  }

  /** Whether a collapsed field should start open: a value other than its default, or a shown error. */
  private hasContent(f: FieldNode, path: Path): boolean {
    const ptr = pointer(path);
    for (const { ptr: p } of this.shownErrors()) if (p === ptr || p.startsWith(ptr + '/')) return true;
    const v = getAt(this.draft, path);
    return v !== undefined && v !== '' && JSON.stringify(v) !== JSON.stringify(f.default ?? (f.kind === 'boolean' ? false : undefined));
  }

  field(node: FieldNode, path: Path): unknown {
    // The override comes first: the OAuth predicate is usually a hidden const discriminator.
    const custom = this.override?.(node, path);
    if (custom) return custom;
    if (node.hidden || node.preset || node.kind === 'const' || this.hide?.(node, path)) return nothing;
    const ptr = pointer(path);
    return keyed(this.gen + ptr, this.control(node, path, ptr));
  }

  private control(node: FieldNode, path: Path, ptr: string): TemplateResult {
    const t = this.host.t;
    const id = idOf(ptr);
    const v = getAt(this.draft, path);
    const err = this.shown(ptr);
    const opt = !node.required && node.kind !== 'boolean' ? html` <span class="opt" aria-hidden="true">(${t('formOptional')})</span>` : nothing;
    const helpParts = [
      node.description.length ? desc(node.description) : '',
      node.kind === 'arrayOfStrings' ? html` ${t('formAddValue')}` : '',
      node.examples !== undefined ? html` ${t('formExamples', node.examples)}` : '',
      node.hint ? html` ${t('formHint', node.hint)}` : '',
      node.kind === 'json' ? html` ${t('formJsonHint')}` : '',
    ].filter((p) => p !== '');
    const help = helpParts.length ? html`<div class="hint" id="${id}-h">${helpParts}</div>` : nothing;
    const errEl = err ? html`<div class="error" id="${id}-e" part="error">${err}</div>` : nothing;
    const by = [helpParts.length && `${id}-h`, err && `${id}-e`].filter(Boolean).join(' ') || undefined;
    const label = html`<label for=${id} part="label">${node.title}${opt}</label>`;
    const edit = (x: unknown, commit = false, render = false) => this.set(node, path, x, commit, render);
    const common = (e: Event) => edit(node.kind === 'integer' || node.kind === 'number' ? num(target(e).value) : target(e).value);
    const input = (type = 'text', extra?: { inputmode?: string; placeholder?: string }) =>
      html`<input
        id=${id}
        type=${type}
        part="input"
        .value=${text(v)}
        autocomplete=${type === 'password' ? 'new-password' : 'off'}
        inputmode=${ifDefined(extra?.inputmode)}
        placeholder=${ifDefined(extra?.placeholder)}
        aria-required=${node.required ? 'true' : 'false'}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${ifDefined(by)}
        ?readonly=${node.readOnly}
        @input=${common}
        @blur=${() => this.touch(ptr)}
      />`;
    const wrap = (control: unknown) => html`<div class="field" part="field">${label}${control}${help}${errEl}</div>`;

    switch (node.kind) {
      case 'object':
        return html`<fieldset id=${id} part="group" aria-describedby=${ifDefined(by)}>
          <legend>${node.title}${opt}</legend>${help}${errEl}${this.sections(node.sections!, path, ptr)}
        </fieldset>`;
      case 'oneOf':
        return this.oneOf(node, path, ptr, id, v, opt, help, errEl, by);
      case 'arrayOfObjects':
        return this.list(node, path, id, v, opt, help, errEl, by);
      case 'boolean':
        return html`<div class="field" part="field">
          <div class="check">
            <input id=${id} type="checkbox" part="input" .checked=${(v ?? node.default) === true} aria-describedby=${ifDefined(by)} ?disabled=${node.readOnly} @change=${(e: Event) => edit(target(e).checked, true)} />
            ${label}
          </div>
          ${help}${errEl}
        </div>`;
      case 'enum':
      case 'multiEnum':
        return this.choice(node, ptr, id, v, opt, help, errEl, by, edit);
      case 'secret': {
        if (v === SECRET_MASK && !this.changing.has(ptr))
          return wrap(
            html`<div class="row">
              <input id=${id} type="password" part="input" readonly .value=${SECRET_MASK} aria-invalid=${err ? 'true' : 'false'} aria-describedby="${id}-s${by ? ' ' + by : ''}" />
              <span id="${id}-s" class="visually-hidden">${t('formSecretSaved')}</span>
              <button type="button" class="ab-button" @click=${() => this.changeSecret(node, path, ptr, true)}>
                ${t('formChangeSecret')}<span class="visually-hidden"> ${node.title}</span>
              </button>
            </div>`,
          );
        const revealed = this.revealed.has(ptr);
        const control = node.multiline
          ? html`<textarea
              id=${id}
              part="input"
              rows="3"
              class=${revealed ? '' : 'masked'}
              spellcheck="false"
              autocomplete="off"
              .value=${text(v)}
              aria-required=${node.required ? 'true' : 'false'}
              aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${ifDefined(by)}
              @input=${common}
              @blur=${() => this.touch(ptr)}
            ></textarea>`
          : input(revealed ? 'text' : 'password');
        return wrap(
          html`<div class="row">
            ${control}
            <button
              type="button"
              class="ab-button"
              aria-pressed=${revealed ? 'true' : 'false'}
              aria-controls=${id}
              @click=${() => {
                revealed ? this.revealed.delete(ptr) : this.revealed.add(ptr);
                this.host.requestUpdate();
              }}
            >
              ${t('formShowSecret')}<span class="visually-hidden"> ${node.title}</span>
            </button>
            ${this.changing.has(ptr) ? html`<button type="button" class="ab-button" @click=${() => this.changeSecret(node, path, ptr, false)}>${t('formKeepSecret')}</button>` : nothing}
          </div>`,
        );
      }
      case 'text':
      case 'json':
        return wrap(
          html`<textarea
            id=${id}
            part="input"
            rows="3"
            .value=${node.kind === 'json' && v !== undefined && !(v instanceof JsonText) ? JSON.stringify(v, null, 2) : text(v)}
            aria-required=${node.required ? 'true' : 'false'}
            aria-invalid=${err ? 'true' : 'false'}
            aria-describedby=${ifDefined(by)}
            @input=${(e: Event) => {
              const s = target(e).value;
              if (node.kind === 'text') return edit(s);
              try {
                edit(s.trim() ? JSON.parse(s) : undefined);
              } catch {
                edit(new JsonText(s));
              }
            }}
            @blur=${() => this.touch(ptr)}
          ></textarea>`,
        );
      case 'date':
      case 'datetime': {
        const mode = node.dateMode!;
        const s = typeof v === 'string' ? v : '';
        const pick = (mode === 'month' ? /^\d{4}-\d\d/ : mode === 'date' ? /^\d{4}-\d\d-\d\d/ : /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?/).exec(s)?.[0].replace(' ', 'T') ?? '';
        return wrap(
          html`<div class="row">
            ${input()}
            <input
              type=${mode === 'month' ? 'month' : mode === 'date' ? 'date' : 'datetime-local'}
              step=${ifDefined(mode === 'datetime' ? '1' : undefined)}
              aria-label=${t('formPickDate', node.title)}
              .value=${pick}
              @change=${(e: Event) => edit(fromPicker(node, target(e).value), true, true)}
            />
          </div>`,
        );
      }
      case 'arrayOfStrings': {
        const list = Array.isArray(v) ? v : [];
        const add = (el: HTMLInputElement) => {
          const s = el.value.trim();
          el.value = '';
          if (s) edit([...list, node.itemType === 'string' ? s : num(s)], true, true);
        };
        return wrap(
          html`${list.length
              ? html`<ul class="chips" aria-label=${node.title}>
                  ${list.map(
                    (x, i) =>
                      html`<li>
                        ${text(x)}<button type="button" aria-label=${t('formRemoveValue', text(x))} @click=${() => {
                          edit(list.filter((_, j) => j !== i), true, true);
                          void this.focus(ptr);
                        }}>×</button>
                      </li>`,
                  )}
                </ul>`
              : nothing}
            <input
              id=${id}
              type="text"
              part="input"
              autocomplete="off"
              inputmode=${ifDefined(node.itemType === 'string' ? undefined : 'decimal')}
              aria-required=${node.required ? 'true' : 'false'}
              aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${ifDefined(by)}
              @keydown=${(e: KeyboardEvent) => {
                const el = target(e);
                if (e.key === 'Enter' || e.key === ',') {
                  e.preventDefault();
                  add(el);
                } else if (e.key === 'Backspace' && !el.value && list.length) edit(list.slice(0, -1), true, true);
              }}
              @blur=${(e: Event) => {
                add(target(e));
                this.touch(ptr);
              }}
            />`,
        );
      }
      case 'integer':
      case 'number':
        return wrap(input('text', { inputmode: node.kind === 'integer' ? 'numeric' : 'decimal', placeholder: node.default === undefined ? undefined : text(node.default) }));
      default:
        return wrap(input());
    }
  }

  private changeSecret(node: FieldNode, path: Path, ptr: string, change: boolean) {
    if (change) this.changing.add(ptr);
    else this.changing.delete(ptr);
    this.set(node, path, change ? '' : SECRET_MASK, true, true);
    void this.focus(ptr);
  }

  private choice(node: FieldNode, ptr: string, id: string, v: unknown, opt: unknown, help: unknown, errEl: unknown, by: string | undefined, edit: (x: unknown, c: boolean, r?: boolean) => void) {
    const t = this.host.t;
    const vals = node.enumValues!;
    const multi = node.kind === 'multiEnum';
    const sel = multi ? (Array.isArray(v) ? v : []) : [v];
    const f = (this.filters.get(ptr) ?? '').toLowerCase();
    const idx = vals.map((_, i) => i).filter((i) => !f || text(vals[i]).toLowerCase().includes(f) || (!multi && sel.includes(vals[i])));
    const filter =
      vals.length > LONG
        ? html`<input
            type="search"
            part="filter"
            aria-label=${t('formFilter', node.title)}
            aria-controls=${multi ? `${id}-o` : id}
            .value=${this.filters.get(ptr) ?? ''}
            @input=${(e: Event) => {
              this.filters.set(ptr, target(e).value);
              this.host.requestUpdate();
              this.host.announce(t('formMatches', vals.filter((x) => text(x).toLowerCase().includes(target(e).value.toLowerCase())).length));
            }}
          />`
        : nothing;
    if (multi)
      return html`<fieldset id=${id} part="group" aria-describedby=${ifDefined(by)}>
        <legend>${node.title}${opt}</legend>
        ${help}${filter}
        <div class="options" id="${id}-o">
          ${idx.map(
            (i) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${sel.includes(vals[i])}
                  @change=${(e: Event) => edit(vals.filter((x, j) => (j === i ? target(e).checked : sel.includes(x))), true, true)}
                />${text(vals[i])}</label
              >`,
          )}
        </div>
        ${errEl}
      </fieldset>`;
    const at = vals.findIndex((x) => x === v);
    return html`<div class="field" part="field">
      <label for=${id} part="label">${node.title}${opt}</label>
      ${filter}
      <select
        id=${id}
        part="input"
        aria-required=${node.required ? 'true' : 'false'}
        aria-invalid=${errEl === nothing ? 'false' : 'true'}
        aria-describedby=${ifDefined(by)}
        @change=${(e: Event) => {
          const i = target(e).value;
          edit(i === '' ? undefined : vals[+i], true);
        }}
        @blur=${() => this.touch(ptr)}
      >
        ${at < 0 || !node.required ? html`<option value="" .selected=${at < 0}>${t('formChooseOption')}</option>` : nothing}
        ${idx.map((i) => html`<option value=${i} .selected=${i === at}>${text(vals[i])}</option>`)}
      </select>
      ${help}${errEl}
    </div>`;
  }

  private oneOf(node: FieldNode, path: Path, ptr: string, id: string, v: unknown, opt: unknown, help: unknown, errEl: unknown, by: string | undefined) {
    const opts = node.options!;
    const sel = selectedOption(node, v);
    const choose = (i: number) => {
      if (i !== sel) this.replace(path, switchOption(node, v, i));
    };
    const disc = sel >= 0 && node.discriminator !== undefined ? opts[sel].children.find((c) => c.key === node.discriminator) : undefined;
    const list = opts.map((o, i) => [o, i] as const).filter(([o, i]) => !o.hidden || i === sel);
    const chooser = disc?.preset
      ? nothing
      : node.radio
        ? html`<div class="tiles" id=${id}>
            ${list.map(
              ([o, i]) =>
                html`<label class="tile"
                  ><input type="radio" name=${id} .checked=${i === sel} aria-describedby=${ifDefined(by)} @change=${() => choose(i)} /><span
                    >${o.title}${o.description.length ? html`<span class="hint"><br />${desc(o.description)}</span>` : nothing}</span
                  ></label
                >`,
            )}
          </div>`
        : html`<select
              id=${id}
              part="input"
              aria-labelledby="${id}-l"
              aria-invalid=${errEl === nothing ? 'false' : 'true'}
              aria-describedby=${ifDefined(by)}
              @change=${(e: Event) => choose(+target(e).value)}
            >
              ${sel < 0 ? html`<option value="-1" .selected=${true}>${this.host.t('formChooseOption')}</option>` : nothing}
              ${list.map(([o, i]) => html`<option value=${i} .selected=${i === sel}>${o.title}</option>`)}
            </select>
            ${sel >= 0 && opts[sel].description.length ? html`<div class="hint">${desc(opts[sel].description)}</div>` : nothing}`;
    return html`<fieldset part="group" id="${id}-g">
      <legend id="${id}-l">${node.title}${opt}</legend>
      ${help}${chooser}${errEl}${sel >= 0 ? this.sections(opts[sel].sections, path, `${ptr}#${sel}`) : nothing}
    </fieldset>`;
  }

  private list(node: FieldNode, path: Path, id: string, v: unknown, opt: unknown, help: unknown, errEl: unknown, by: string | undefined) {
    const t = this.host.t;
    const list = Array.isArray(v) ? v : [];
    const item = node.item!;
    const update = (next: unknown[], focus: string) => {
      this.replace(path, next);
      void this.host.updateComplete.then(() => (this.host.renderRoot as ShadowRoot).getElementById?.(focus)?.focus());
    };
    const move = (i: number, d: number) => {
      const next = [...list];
      [next[i], next[i + d]] = [next[i + d], next[i]];
      const j = i + d;
      const edge = j === 0 || j === list.length - 1;
      update(next, `${idOf(pointer([...path, j]))}-${edge ? (d < 0 ? 'down' : 'up') : d < 0 ? 'up' : 'down'}`);
    };
    return html`<fieldset id=${id} part="group" aria-describedby=${ifDefined(by)}>
      <legend>${node.title}${opt}</legend>
      ${help}
      ${repeat(
        list,
        keyOf,
        (x, i) => {
          const ip = [...path, i];
          const iid = idOf(pointer(ip));
          const label = t('formItem', item.title, i + 1);
          return html`<fieldset class="item" part="item" id=${iid}>
            <legend>${label}</legend>
            <div class="item-head">
              <span></span>
              <button type="button" class="icon" id="${iid}-up" aria-label=${t('formMoveUp', label)} ?disabled=${i === 0} @click=${() => move(i, -1)}>↑</button>
              <button type="button" class="icon" id="${iid}-down" aria-label=${t('formMoveDown', label)} ?disabled=${i === list.length - 1} @click=${() => move(i, 1)}>↓</button>
              <button type="button" class="ab-button" @click=${() => update(list.filter((_, j) => j !== i), `${id}-add`)}>${t('formRemoveItem', label)}</button>
            </div>
            ${item.kind === 'object' ? this.sections(item.sections!, ip, pointer(ip)) : this.field(item, ip)}
          </fieldset>`;
        },
      )}
      <div><button type="button" class="ab-button" id="${id}-add" @click=${() => this.add(node, path, list)}>${t('formAddItem', item.title)}</button></div>
      ${errEl}
    </fieldset>`;
  }

  private add(node: FieldNode, path: Path, list: unknown[]) {
    this.replace(path, [...list, initialOf(node.item!) ?? {}]);
    void this.host.updateComplete.then(() => {
      const el = (this.host.renderRoot as ShadowRoot).getElementById?.(idOf(pointer([...path, list.length])));
      el?.querySelector<HTMLElement>('input,select,textarea')?.focus();
    });
  }
}

/** A date picker's value as the spec wants it: seconds, fraction digits and `Z` per the pattern. */
function fromPicker(node: FieldNode, s: string): string {
  if (!s || node.dateMode !== 'datetime') return s;
  const hint = node.hint ?? 'Z';
  const base = (s.length === 16 ? s + ':00' : s.slice(0, 19)).replace('T', hint.includes(' HH') ? ' ' : 'T');
  return base + (node.fraction ? '.' + '0'.repeat(node.fraction) : '') + (hint.endsWith('Z') ? 'Z' : '');
}
