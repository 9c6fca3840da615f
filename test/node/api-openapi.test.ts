// Drift test: for every operation of the OpenAPI subset that the clients implement (src/api, src/server),
// a real request body the clients sent and a real response the sandbox gave are validated against the
// document's schemas with an independent JSON Schema 2020-12 validator (@cfworker/json-schema).
// A change on either side (types/clients, sandbox, or the contract document) breaks this test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { EmbeddedClient, type SourceTemplate } from '../../src/api/index.ts';
import { OperatorClient } from '../../src/server/index.ts';
import { completeSourceOAuth, getEmbeddedConsentUrl, revokeSourceOAuth } from '../../src/api/oauth.ts';
// The same OpenAPI document, operation lookup and schema validator as the sandbox tests.
import { findOperation, schemaErrors, type Op } from './sandbox-helpers.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// ---------------------------------------------------------------- which operations the clients implement

/** `{method, path}` pairs written in the clients' source, resolved to operations of the document. */
function implementedOperations(): { implemented: Op[]; unspecified: string[] } {
  const files = [
    ...readdirSync(new URL('../../src/api/', import.meta.url)).map((f) => `../../src/api/${f}`),
    ...readdirSync(new URL('../../src/server/', import.meta.url)).map((f) => `../../src/server/${f}`),
  ].filter((f) => f.endsWith('.ts'));
  const found = new Map<string, Op>();
  const unspecified: string[] = [];
  const re = /method:\s*'(GET|POST|PUT|PATCH|DELETE)',\s*path:\s*(?:encodePath)?([`'])([^`']+)\2/g;
  for (const f of files) {
    const src = readFileSync(new URL(f, import.meta.url), 'utf8');
    for (const m of src.matchAll(re)) {
      const path = m[3]!.replace(/\$\{[^}]+\}/g, 'x');
      if (!path.startsWith('/api/')) {
        unspecified.push(`${m[1]} ${m[3]} (${f.split('/').pop()})`);
        continue;
      }
      const op = findOperation(m[1]!, path);
      if (op) found.set(op.id, op);
      else unspecified.push(`${m[1]} ${m[3]} (${f.split('/').pop()})`);
    }
  }
  return { implemented: [...found.values()], unspecified };
}

// ---------------------------------------------------------------- recording fetch

interface Exchange {
  method: Method;
  url: URL;
  requestBody?: unknown;
  status: number;
  responseBody: unknown;
}
const exchanges: Exchange[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const text = await res.clone().text();
  let responseBody: unknown = text;
  try {
    responseBody = JSON.parse(text);
  } catch {
    /* keep the text: it will fail validation */
  }
  exchanges.push({
    method: (init?.method ?? 'GET') as Method,
    url: new URL(String(input)),
    requestBody: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    status: res.status,
    responseBody,
  });
  return res;
};

// ---------------------------------------------------------------- the sandbox

let sandbox: ChildProcess | undefined;
async function startSandbox(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--db', ':memory:'], {
    cwd: new URL('../../', import.meta.url),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sandbox = child;
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 60 s:\n${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /ab-sandbox listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}:\n${out}`));
    });
  });
}

// ---------------------------------------------------------------- the run

describe('OpenAPI drift: clients ↔ contract ↔ sandbox', { timeout: 120_000 }, () => {
  let baseUrl: string;
  const notes: string[] = [];

  before(async () => {
    baseUrl = await startSandbox();
    const common = { baseUrl, fetch: recordingFetch, retry: { retries: 0 } };
    const operator = new OperatorClient({ clientId: 'sandbox-client', clientSecret: 'sandbox-secret', ...common });

    // ---- operator: tokens, workspaces
    const suffix = Date.now().toString(36);
    const { token: widget } = await operator.createWidgetToken({
      workspace_name: `drift-${suffix}`,
      allowed_origin: 'http://localhost:8000',
      region_id: null,
      selected_source_template_tags: [],
      selected_source_template_tags_mode: 'any',
      selected_connection_template_tags: [],
      selected_connection_template_tags_mode: 'any',
    });
    const { token: scoped } = await operator.createScopedToken({ workspace_name: `drift-other-${suffix}` });
    const workspaces = await operator.listAllWorkspaces({ limit: 1 });
    const mine = workspaces.find((w) => w.name === `drift-${suffix}`)!;
    const other = workspaces.find((w) => w.name === `drift-other-${suffix}`)!;
    await operator.listWorkspaces({ name_contains: 'drift', status: 'active', limit: 5 });
    await operator.getWorkspace(mine.id);
    await operator.getWorkspaceStats();
    await operator.updateWorkspace(other.id, { name: `drift-renamed-${suffix}`, status: 'inactive' });

    // ---- operator: definitions, templates, tags
    const defs = await operator.listSourceDefinitions({ name: 'a' });
    await operator.listSourceDefinitions();
    const fakerDef = defs.find((d) => /sample data|faker/i.test(d.name)) ?? defs[0]!;
    await operator.getSourceDefinition(fakerDef.sourceDefinitionId!);
    const orgTemplates = await operator.listSourceTemplates();
    await operator.listSourceTemplates({ tags: ['crm', 'sales'], tagsMode: 'any' });
    const globals = await operator.listGlobalSourceTemplates();
    await operator.getSourceTemplate(orgTemplates[0]!.id);
    const created = await operator.createSourceTemplate({
      actor_definition_id: fakerDef.sourceDefinitionId!,
      partial_default_config: { seed: 42 },
      name: `Drift Faker ${suffix}`,
      customization: { stream_selection_mode: 'all', stream_whitelist: null, stream_customizations: null, stream_mappers: null },
    });
    const clone = await operator.cloneSourceTemplate({ original_source_template_id: (globals[0] ?? orgTemplates[0]!).id, name: `Drift clone ${suffix}` });
    await operator.updateSourceTemplate(created.id, { partial_default_config: { seed: 7 }, name: `Drift Faker 2 ${suffix}`, propagate: false });
    await operator.tagSourceTemplate(created.id, `drift-${suffix}`);
    await operator.untagSourceTemplate(created.id, `drift-${suffix}`);
    await operator.deleteSourceTemplate(clone.id);

    const tag = await operator.createTemplateTag(`drift-tag-${suffix}`);
    await operator.listTemplateTags();
    await operator.renameTemplateTag(tag.name, `drift-tag2-${suffix}`);
    await operator.deleteTemplateTag(`drift-tag2-${suffix}`);

    const conn = await operator.createConnectionTemplate({
      destination_name: 'S3-embedded',
      destination_definition_id: '4816b78f-1489-44c1-9060-4b19d5fa9362',
      destination_config: { s3_bucket_name: 'bucket', s3_bucket_path: 'prefix', s3_bucket_region: 'us-east-1', format: { format_type: 'CSV' } },
      cron_expression: '0 0 12 * * ?',
      non_breaking_changes_preference: 'propagate_columns',
      sync_on_create: true,
    });
    await operator.listConnectionTemplates();
    await operator.listConnectionTemplates({ tags: ['x'], tagsMode: 'all' });
    await operator.getConnectionTemplate(conn.id);
    await operator.updateConnectionTemplate(conn.id, { cron_expression: '0 0 6 * * ?', sync_on_create: false });
    await operator.tagConnectionTemplate(conn.id, `drift-${suffix}`);
    await operator.untagConnectionTemplate(conn.id, `drift-${suffix}`);
    await operator.describeCron('0 0 12 * * ?');
    await operator.deleteConnectionTemplate(conn.id);

    // ---- browser client with the widget token
    const api = new EmbeddedClient({ token: widget, ...common });
    const info = await api.getTokenInfo();
    assert.equal(info.workspace_id, mine.id);
    const list = await api.listSourceTemplates();
    await api.listSourceTemplates({ tags: ['demo'], tagsMode: 'all' });
    const fakerItem = list.find((t) => /faker|sample data/i.test(t.name)) ?? list[0]!;
    const template = await api.getSourceTemplate(fakerItem.id);
    const input = { source_template_id: template.id, source_config: { count: 10 }, name: `Drift source ${suffix}` };
    const check = await api.checkSource(input);
    const status = await api.waitForCheck(check.id, { initialDelayMs: 50 });
    assert.equal(status.status, 'succeeded', JSON.stringify(status));
    const failing = await api.checkSource({ ...input, source_config: { count: 10, note: 'sandbox-fail' } });
    const failed = await api.waitForCheck(failing.id, { initialDelayMs: 50 });
    if (failed.status !== 'failed') notes.push(`a 'sandbox-fail' config ended ${failed.status}`);
    const source = await api.createSource({ ...input, selected_connection_template_tags: [], selected_connection_template_tags_mode: 'any' });
    await api.listSources();
    await api.getSource(source.id);
    const upd = await api.checkSourceUpdate(source.id, { name: `Drift source 2 ${suffix}`, source_config: { count: 20 } });
    await api.waitForCheck(upd.id, { initialDelayMs: 50 });
    await api.updateSource(source.id, { name: `Drift source 2 ${suffix}`, source_config: { count: 20 } });

    // ---- OAuth for sources (browser client), when a seeded template uses it
    await oauthRound(api, list.map((t) => t.id), notes, baseUrl);

    // ---- error bodies the sandbox gives (validated against ApiErrorResponse below)
    await api.getSource('00000000-0000-4000-8000-000000000000').catch(() => {});
    await api.checkSource({ source_template_id: template.id, source_config: { count: 'many' } }).catch(() => {});

    await api.deleteSource(source.id);
    // A bare scoped JWT works with the browser client too.
    await new EmbeddedClient({ token: scoped, ...common }).getTokenInfo();
    await operator.deleteSourceTemplate(created.id);
    await operator.deleteWorkspace(other.id);
  });

  after(() => {
    sandbox?.kill();
  });

  it('every request body the clients sent matches its operation schema', () => {
    const failures: string[] = [];
    for (const x of exchanges) {
      const op = findOperation(x.method, x.url.pathname);
      if (!op || x.requestBody === undefined) continue;
      const schema = op.op.requestBody?.content?.['application/json']?.schema;
      if (!schema) {
        failures.push(`${op.id}: sent a body but the operation takes none`);
        continue;
      }
      for (const e of schemaErrors(schema, x.requestBody)) failures.push(`${op.id} request ${e}`);
    }
    assert.deepEqual(failures, []);
  });

  it('every query parameter the clients sent is declared and valid', () => {
    const failures: string[] = [];
    for (const x of exchanges) {
      const op = findOperation(x.method, x.url.pathname);
      if (!op) continue;
      const params = new Map<string, any>(
        (op.op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => [p.name, p.schema]),
      );
      for (const key of new Set(x.url.searchParams.keys())) {
        const schema = params.get(key);
        if (!schema) {
          failures.push(`${op.id}: undeclared query parameter ${key}`);
          continue;
        }
        const values = x.url.searchParams.getAll(key);
        const isArray = schema.type === 'array';
        const asType = (v: string) => (JSON.stringify(schema).includes('"integer"') ? Number(v) : v);
        const value = isArray ? values : asType(values[0]!);
        for (const e of schemaErrors(schema, value)) failures.push(`${op.id} query ${key} ${e}`);
      }
      for (const p of op.op.parameters ?? []) {
        if (p.in === 'query' && p.required && !x.url.searchParams.has(p.name)) failures.push(`${op.id}: missing required query ${p.name}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('every sandbox response matches its operation schema (errors match ApiErrorResponse)', () => {
    const failures: string[] = [];
    for (const x of exchanges) {
      const op = findOperation(x.method, x.url.pathname);
      if (!op) continue;
      if (x.status >= 200 && x.status < 300) {
        const schema = op.op.responses?.['200']?.content?.['application/json']?.schema;
        if (!schema) failures.push(`${op.id}: no 200 schema in the document`);
        else for (const e of schemaErrors(schema, x.responseBody)) failures.push(`${op.id} ${x.status} response ${e}`);
      } else {
        for (const e of schemaErrors({ $ref: '#/components/schemas/ApiErrorResponse' }, x.responseBody)) {
          failures.push(`${op.id} ${x.status} error body ${e}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('covers every operation the clients implement with a validated request and a 2xx response', (t) => {
    const { implemented, unspecified } = implementedOperations();
    t.diagnostic(`${implemented.length} operations implemented, ${exchanges.length} exchanges validated`);
    for (const n of notes) t.diagnostic(n);
    assert.ok(implemented.length >= 44, `found only ${implemented.length} implemented operations`);
    const missing: string[] = [];
    for (const op of implemented) {
      const seen = exchanges.filter((x) => findOperation(x.method, x.url.pathname) === op);
      const okResponse = seen.some((x) => x.status >= 200 && x.status < 300);
      const hasBody = !!op.op.requestBody;
      const okRequest = !hasBody || seen.some((x) => x.requestBody !== undefined);
      if (!okResponse || !okRequest) missing.push(`${op.id} (${op.method} ${op.path})${seen.length ? ` → ${seen.map((x) => x.status).join(',')}` : ''}`);
    }
    assert.deepEqual(missing, [], `operations not exercised against the sandbox${notes.length ? `; notes: ${notes.join('; ')}` : ''}`);
    // Calls the clients make that the OpenAPI document does not describe (documented-but-unverified discovery).
    for (const u of unspecified) assert.match(u, /discover|catalog|streams/, `unexpected call outside the contract: ${u}`);
  });
});

/** consent URL → approve on the sandbox's stand-in provider → complete → revoke. */
async function oauthRound(api: EmbeddedClient, templateIds: string[], notes: string[], baseUrl: string) {
  // An OAuth connector whose form has no required field, so that a source of it can be created with `{}`.
  let oauthTemplate: SourceTemplate | undefined;
  for (const id of templateIds) {
    const t = await api.getSourceTemplate(id);
    if (!t.user_config_spec.advanced_auth) continue;
    oauthTemplate ??= t;
    if (!t.user_config_spec.connectionSpecification.required?.length) {
      oauthTemplate = t;
      break;
    }
  }
  if (!oauthTemplate) {
    notes.push('no OAuth template seeded');
    return;
  }
  const redirect_url = 'http://localhost:8000/oauth/callback';
  const input = Object.fromEntries(
    Object.entries(
      (oauthTemplate.user_config_spec.advanced_auth!.oauth_config_specification.oauth_user_input_from_connector_config_specification?.properties ?? {}) as Record<string, unknown>,
    ).map(([k]) => [k, 'drift']),
  );
  const consentUrl = await getEmbeddedConsentUrl(api, {
    source_definition_id: oauthTemplate.source_definition_id,
    redirect_url,
    oauth_input_configuration: input,
  });
  const state = new URL(consentUrl).searchParams.get('state')!;
  const approve = await fetch(new URL('/oauth/consent', baseUrl), {
    method: 'POST',
    body: new URLSearchParams({ state, decision: 'approve' }),
    redirect: 'manual',
  });
  const location = new URL(approve.headers.get('location') ?? redirect_url);
  const query_params = Object.fromEntries(location.searchParams);
  const done = await completeSourceOAuth(api, { source_definition_id: oauthTemplate.source_definition_id, redirect_url, query_params });
  if (!done.request_succeeded) notes.push(`OAuth complete refused: ${done.request_error}`);
  // revoke needs a source of that connector.
  const source = await api.createSource({ source_template_id: oauthTemplate.id, source_config: {} }).catch((e: Error) => {
    notes.push(`could not create an OAuth source: ${e.message}`);
    return undefined;
  });
  const source_id = source?.id ?? '00000000-0000-4000-8000-000000000001';
  await revokeSourceOAuth(api, { source_definition_id: oauthTemplate.source_definition_id, source_id }).catch((e: Error) =>
    notes.push(`revoke: ${e.message}`),
  );
  if (source) await api.deleteSource(source.id);
}
