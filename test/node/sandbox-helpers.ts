// Shared by the sandbox's Node tests: start an in-process sandbox, call it over real HTTP, and
// validate every API response against the OpenAPI subset (200 → the operation's response schema,
// anything else → ApiErrorResponse), recording which operations were exercised.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { readFileSync } from 'node:fs';
import { Validator, type Schema } from '@cfworker/json-schema';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.ts';

const DOC_ID = 'https://ab-elements.test/sonar-embedded-subset.openapi.json';
export const openapi = JSON.parse(readFileSync(new URL('../../fixtures/openapi/sonar-embedded-subset.openapi.json', import.meta.url), 'utf8'));

export type Op = { method: string; path: string; id: string; op: Record<string, any>; re: RegExp };
export const operations: Op[] = Object.entries(openapi.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, op]) => ({ method: m.toUpperCase(), path, id: op.operationId as string, op, re: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) })),
);
// Literal segments win over parameters (`/sources/check` is not `/sources/{id}`).
const specificity = (o: Op) => o.path.split('/').filter((s) => !s.startsWith('{')).length;
export const findOperation = (method: string, pathname: string) =>
  operations.filter((o) => o.method === method && o.re.test(pathname)).sort((a, b) => specificity(b) - specificity(a))[0];

/** Points the local refs of a schema taken out of the document at the document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : rebase(v)]));
}
const validators = new Map<string, Validator>();
export function schemaErrors(schema: unknown, value: unknown): string[] {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = new Validator(rebase(schema) as Schema, '2020-12', false);
    v.addSchema(openapi, DOC_ID);
    validators.set(key, v);
  }
  const r = v.validate(value);
  return r.valid ? [] : r.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** operationId → statuses seen, for the coverage check. */
export const covered = new Map<string, Set<number>>();

export type Res<T = any> = { status: number; headers: Headers; body: T; text: string };

export class Api {
  constructor(readonly base: string) {}

  async call<T = any>(method: string, path: string, o: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const pathname = new URL(this.base + path).pathname;
    const op = pathname.startsWith('/api/') ? findOperation(method, pathname) : undefined;
    if (op) {
      const schema = res.status === 200 ? op.op.responses['200'].content['application/json'].schema : { $ref: '#/components/schemas/ApiErrorResponse' };
      const errs = schemaErrors(schema, parsed);
      assert.deepEqual(errs, [], `${method} ${path} → ${res.status} does not match the OpenAPI schema: ${text.slice(0, 500)}`);
      if (!covered.has(op.id)) covered.set(op.id, new Set());
      covered.get(op.id)!.add(res.status);
    }
    if (pathname.startsWith('/api/') && res.status !== 200 && res.status !== 204) {
      assert.equal(typeof parsed?.message, 'string', `${method} ${path} → ${res.status}: error body without message: ${text}`);
      assert.ok(Array.isArray(parsed?.errors), `${method} ${path} → ${res.status}: error body without errors[]`);
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get = <T = any>(path: string, token?: string, headers?: Record<string, string>) => this.call<T>('GET', path, { token, headers });
  post = <T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) => this.call<T>('POST', path, { token, body, headers });
  put = <T = any>(path: string, body: unknown, token?: string) => this.call<T>('PUT', path, { token, body });
  patch = <T = any>(path: string, body: unknown, token?: string) => this.call<T>('PATCH', path, { token, body });
  del = <T = any>(path: string, token?: string) => this.call<T>('DELETE', path, { token });

  async appToken(): Promise<string> {
    const r = await this.post('/api/v1/account/applications/token', { client_id: 'sandbox-client', client_secret: 'sandbox-secret' });
    assert.equal(r.status, 200, r.text);
    return r.body.access_token;
  }

  async scopedToken(app: string, workspace: string): Promise<string> {
    const r = await this.post('/api/v1/embedded/scoped-token', { workspace_name: workspace }, app);
    assert.equal(r.status, 200, r.text);
    return r.body.token;
  }

  /** Returns the scoped token inside the widget token, and the decoded widget token. */
  async widgetToken(app: string, body: Record<string, unknown>): Promise<{ token: string; widgetUrl: string }> {
    const r = await this.post('/api/v1/embedded/widget-token', body, app);
    assert.equal(r.status, 200, r.text);
    return JSON.parse(Buffer.from(r.body.token, 'base64').toString('utf8'));
  }

  async workspaceId(scoped: string): Promise<string> {
    const r = await this.get('/api/v1/embedded/scoped-token/info', scoped);
    assert.equal(r.status, 200, r.text);
    return r.body.workspace_id;
  }

  async templateId(app: string, name: string): Promise<string> {
    const r = await this.get('/api/v1/integrations/templates/sources', app);
    const t = r.body.data.find((x: any) => x.name === name);
    assert.ok(t, `no template named ${name}`);
    return t.id;
  }
}

export async function start(o: SandboxOptions = {}): Promise<{ sandbox: Sandbox; api: Api }> {
  const sandbox = await createSandbox({ db: ':memory:', port: 0, testControls: true, checkDelayMs: 60, ...o });
  return { sandbox, api: new Api(sandbox.url) };
}

/** What `useSandbox` sets up; `app` is writable for a test that takes a fresh application token. */
export type SandboxHolder = { sandbox: Sandbox; api: Api; app: string };

/**
 * Registers, in the current suite, a `before` that starts a sandbox and takes an application token
 * and an `after` that closes the sandbox; returns the holder they fill in. Call it inside a
 * `describe`, before the suite's own `before` hooks: those run after it, in order. (At top level,
 * Node 20 runs each `before` as soon as it is registered, so a second one would not wait for it.)
 */
export function useSandbox(o: SandboxOptions = {}): SandboxHolder {
  const holder = {} as SandboxHolder;
  before(async () => {
    Object.assign(holder, await start(o));
    holder.app = await holder.api.appToken();
  });
  after(() => holder.sandbox.close());
  return holder;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a check job until it is final; returns every status seen in order. */
export async function waitForCheck(api: Api, prefix: string, id: string, token: string) {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await api.get(`${prefix}/sources/check/${id}/status`, token);
    assert.equal(r.status, 200, r.text);
    if (seen[seen.length - 1] !== r.body.status) seen.push(r.body.status);
    if (['succeeded', 'failed', 'cancelled'].includes(r.body.status)) return { final: r.body, seen };
    await sleep(10);
  }
  throw new Error('check never finished');
}
