// Sources and their checks, for end users (/api/v1/embedded/*, scoped token; an application token
// works too when the workspace is named) and operators (/api/v1/integrations/*, application token).
// Check jobs go pending → running → succeeded/failed over --check-delay-ms. §8.
import type { Context } from 'hono';
import type { RouteModule } from './index.js';
import type { AppEnv, SandboxContext } from '../context.js';
import { assertWorkspace, authorize, type Auth, type TokenKind } from '../auth.js';
import { iso, json } from '../db.js';
import { BodyReader, notFound, readJson, requestOrigin, unprocessable, uuidParam, type FieldError } from '../http.js';
import { isUuid, newId } from '../ids.js';
import {
  definitionSpec, getDefinition, getSource, getTemplate, getWorkspace, matchingConnectionTemplates, sourceJson, sourceListItem,
  templateOf, templateVisible, type SourceRow, type TemplateRow,
} from '../repo.js';
import { deepMerge, dottedPath, findString, selectedOption, unmaskSecrets, userConfigSpec, validateConfigKeyed } from '../spec.js';
import { isObject } from '../http.js';
import type { CheckStatus, FailureReason } from '../../src/api/types.js';

/** Any string value equal to this makes a check fail (config_error); see README. */
export const FAIL_VALUE = 'sandbox-fail';
/** Any string value equal to this makes a check fail with a retryable transient_error. */
export const TRANSIENT_VALUE = 'sandbox-transient';

type JobRow = {
  id: string; workspace_id: string; organization_id: string; source_id: string | null; template_id: string;
  outcome: 'succeeded' | 'failed'; failure: string | null; created_at: number; duration_ms: number;
};

type Failure = { error_message: string; enhanced_error_message: string; failure_reason: FailureReason };

/** The `title` of the field at a config path (following the chosen oneOf option), else the key. */
function titleAt(schema: unknown, config: unknown, path: (string | number)[]): string {
  let node: any = schema;
  let value: any = config;
  let title = String(path[path.length - 1] ?? '');
  for (const key of path) {
    if (!isObject(node)) break;
    if (typeof key === 'number') {
      node = node.items;
    } else {
      const props = { ...(isObject(node.properties) ? node.properties : {}) } as Record<string, unknown>;
      if (Array.isArray(node.oneOf)) Object.assign(props, selectedOption(node.oneOf, value)?.properties ?? {});
      node = props[key];
    }
    value = value?.[key];
    if (isObject(node) && typeof node.title === 'string') title = node.title;
  }
  return title;
}

function failureFor(kind: 'config' | 'transient', connector: string, field: string, fieldTitle: string, at: number): Failure {
  if (kind === 'transient') {
    const msg = `Timed out while connecting to ${connector}: no response within 60 seconds.`;
    return {
      error_message: msg,
      enhanced_error_message: `${connector} did not answer in time. This is usually temporary: wait a moment and try again.`,
      failure_reason: {
        timestamp: at, failure_origin: 'source', failure_type: 'transient_error', external_message: msg,
        internal_message: `java.net.SocketTimeoutException: Read timed out (sandbox: "${TRANSIENT_VALUE}" in ${field})`,
        stacktrace: 'java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n\tat io.airbyte.cdk.integrations.base.IntegrationRunner.runInternal(IntegrationRunner.kt:212)',
        retryable: true, from_trace_message: true, stream_descriptor: null,
      },
    };
  }
  const msg = `Could not connect with provided configuration. ${connector} rejected the value of "${fieldTitle}" (401 Unauthorized).`;
  return {
    error_message: msg,
    enhanced_error_message: `${connector} did not accept these settings. Check "${fieldTitle}" and try again.`,
    failure_reason: {
      timestamp: at, failure_origin: 'source', failure_type: 'config_error', external_message: msg,
      internal_message: `io.airbyte.commons.exceptions.ConfigErrorException: check failed for ${connector}: 401 Unauthorized (sandbox: "${FAIL_VALUE}" in ${field})`,
      stacktrace: `io.airbyte.commons.exceptions.ConfigErrorException: check failed for ${connector}: 401 Unauthorized\n\tat io.airbyte.cdk.integrations.base.IntegrationRunner.runInternal(IntegrationRunner.kt:213)\n\tat io.airbyte.cdk.integrations.base.IntegrationRunner.run(IntegrationRunner.kt:122)`,
      retryable: false, from_trace_message: true, stream_descriptor: null,
    },
  };
}

export function jobStatusJson(sb: SandboxContext, job: JobRow): CheckStatus {
  const elapsed = sb.now() - job.created_at;
  const base = { id: job.id, error_message: null, failure_reason: null, enhanced_error_message: null };
  if (elapsed < job.duration_ms * 0.2) return { ...base, status: 'pending' as const };
  if (elapsed < job.duration_ms) return { ...base, status: 'running' as const };
  if (job.outcome === 'succeeded') return { ...base, status: 'succeeded' as const };
  return { ...base, status: 'failed' as const, ...json<Failure>(job.failure) };
}

const prefixed = (errors: FieldError[]) => errors.map((e) => ({ ...e, field: e.field ? `source_config.${e.field}` : 'source_config' }));

function validateUserConfig(sb: SandboxContext, t: TemplateRow, config: Record<string, unknown>) {
  const d = getDefinition(sb, t.definition_id);
  // The user_config_spec derives from exactly these two stored strings (the definition's spec is
  // refreshed from the fixtures on every start), so together they key its validator.
  const key = `${t.partial_default_config.length}:${t.partial_default_config}${d.spec}`;
  const errors = validateConfigKeyed(key, () => userConfigSpec(definitionSpec(d), json(t.partial_default_config)), config);
  if (errors.length) throw unprocessable(prefixed(errors), 'The source configuration does not match the template\'s user_config_spec');
}

function createJob(sb: SandboxContext, ws: { id: string; organization_id: string }, t: TemplateRow, fullConfig: unknown, sourceId: string | null): string {
  const d = getDefinition(sb, t.definition_id);
  const now = sb.now();
  const duration = Math.max(0, sb.opts.checkDelayMs);
  let outcome: JobRow['outcome'] = 'succeeded';
  let failure: Failure | null = null;
  for (const [needle, kind] of [[FAIL_VALUE, 'config'], [TRANSIENT_VALUE, 'transient']] as const) {
    const path = findString(fullConfig, needle);
    if (path) {
      outcome = 'failed';
      failure = failureFor(kind, d.name, dottedPath(path), titleAt(definitionSpec(d).connectionSpecification, fullConfig, path), now + duration);
      break;
    }
  }
  const id = newId();
  sb.db.prepare('INSERT INTO check_jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, ws.id, ws.organization_id, sourceId, t.id, outcome, failure ? JSON.stringify(failure) : null, now, duration);
  return id;
}

type NewSourceRequest = {
  ws: { id: string; organization_id: string }; template: TemplateRow; config: Record<string, unknown>; name: string | null;
  connectionTags: string[]; connectionTagsMode: 'all' | 'any';
};

async function readNewSource(c: Context<AppEnv>, sb: SandboxContext, auth: Auth): Promise<NewSourceRequest> {
  const r = new BodyReader(await readJson(c));
  const wsId = r.uuid('workspace_id', { required: true });
  const tplId = r.uuid('source_template_id', { required: true });
  const config = r.object('source_config', { required: true });
  const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
  const connectionTags = r.stringArray('selected_connection_template_tags', { nullable: true }) ?? [];
  const connectionTagsMode = r.enum('selected_connection_template_tags_mode', ['all', 'any'] as const, { nullable: true }) ?? 'any';
  r.done();
  assertWorkspace(auth, wsId!.toLowerCase());
  const ws = getWorkspace(sb, wsId!.toLowerCase(), auth.organizationId);
  const template = getTemplate(sb, tplId!.toLowerCase(), auth.organizationId);
  if (!templateVisible(sb, auth, template)) throw notFound('Source template');
  validateUserConfig(sb, template, config!);
  return { ws, template, config: config!, name: name ?? null, connectionTags, connectionTagsMode };
}

/** For an existing source: `{name?, source_config?}` with masked secrets put back; validated. */
async function readSourceUpdate(c: Context<AppEnv>, sb: SandboxContext, s: SourceRow) {
  const r = new BodyReader(await readJson(c), false);
  const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
  const incoming = r.object('source_config', { nullable: true });
  r.done();
  const template = templateOf(sb, s);
  let userConfig = json<Record<string, unknown>>(s.user_config);
  if (incoming) {
    const spec = definitionSpec(getDefinition(sb, template.definition_id)).connectionSpecification;
    const { config, missing } = unmaskSecrets(spec, incoming, userConfig);
    if (missing.length) {
      throw unprocessable(missing.map((p) => ({ field: `source_config.${p}`, message: 'The masked value "**********" stands for a stored secret, but none is stored here: send the real value', error_code: 'value_error' })));
    }
    userConfig = config as Record<string, unknown>;
    validateUserConfig(sb, template, userConfig);
  }
  return { name: name ?? null, userConfig, template, fullConfig: deepMerge(userConfig, json(template.partial_default_config)) };
}

const routes: RouteModule = (app, sb) => {
  for (const [prefix, kinds] of [
    ['/api/v1/embedded', ['scoped', 'application']],
    ['/api/v1/integrations', ['application']],
  ] as [string, TokenKind[]][]) {
    const embedded = prefix === '/api/v1/embedded';

    app.post(`${prefix}/sources/check`, async (c) => {
      const auth = authorize(c, sb, kinds);
      const req = await readNewSource(c, sb, auth);
      const full = deepMerge(req.config, json(req.template.partial_default_config));
      return c.json({ id: createJob(sb, req.ws, req.template, full, null) });
    });

    app.get(`${prefix}/sources/check/:id/status`, (c) => {
      const auth = authorize(c, sb, kinds);
      const job = sb.db.prepare('SELECT * FROM check_jobs WHERE id = ?').get(uuidParam(c)) as JobRow | undefined;
      if (!job || job.organization_id !== auth.organizationId) throw notFound('Check job');
      assertWorkspace(auth, job.workspace_id);
      return c.json(jobStatusJson(sb, job));
    });

    app.post(`${prefix}/sources`, async (c) => {
      const auth = authorize(c, sb, kinds);
      const req = await readNewSource(c, sb, auth);
      const now = sb.now();
      const id = newId();
      const row: SourceRow = {
        id, workspace_id: req.ws.id, template_id: req.template.id, name: req.name ?? `${req.template.name} - ${id.slice(0, 8)}`,
        user_config: JSON.stringify(req.config), config: JSON.stringify(deepMerge(req.config, json(req.template.partial_default_config))),
        created_at: now, updated_at: now, deleted_at: null,
      };
      const connections = matchingConnectionTemplates(sb, auth.organizationId, [
        { tags: req.connectionTags, mode: req.connectionTagsMode },
        { tags: auth.connectionTags, mode: auth.connectionTagsMode },
      ]);
      sb.db.transaction(() => {
        sb.db.prepare('INSERT INTO sources VALUES (@id, @workspace_id, @template_id, @name, @user_config, @config, @created_at, @updated_at, @deleted_at)').run(row);
        for (const ct of connections) sb.db.prepare('INSERT INTO source_connections VALUES (?, ?, ?, ?)').run(id, ct.id, ct.destination_name, now);
      })();
      return c.json(sourceJson(sb, row, requestOrigin(c)));
    });

    app.get(`${prefix}/sources`, (c) => {
      const auth = authorize(c, sb, kinds);
      const wsId = c.req.query('workspace_id');
      if (wsId === undefined) throw unprocessable([{ field: 'workspace_id', message: 'Field required', error_code: 'missing' }]);
      if (!isUuid(wsId)) throw unprocessable([{ field: 'workspace_id', message: 'Input should be a valid UUID', error_code: 'uuid_parsing' }]);
      assertWorkspace(auth, wsId.toLowerCase());
      const ws = getWorkspace(sb, wsId.toLowerCase(), auth.organizationId);
      const rows = sb.db
        .prepare(`SELECT s.* FROM sources s JOIN source_templates t ON t.id = s.template_id
          WHERE s.workspace_id = ? AND s.deleted_at IS NULL ${embedded ? 'AND t.deleted_at IS NULL' : ''} ORDER BY s.created_at, s.id`)
        .all(ws.id) as SourceRow[];
      const origin = requestOrigin(c);
      return c.json({ data: rows.map((s) => sourceListItem(sb, s, origin)) });
    });

    app.get(`${prefix}/sources/:id`, (c) => {
      const auth = authorize(c, sb, kinds);
      return c.json(sourceJson(sb, getSource(sb, auth, uuidParam(c)), requestOrigin(c)));
    });

    app.put(`${prefix}/sources/:id`, async (c) => {
      const auth = authorize(c, sb, kinds);
      const s = getSource(sb, auth, uuidParam(c));
      const u = await readSourceUpdate(c, sb, s);
      const next: SourceRow = { ...s, name: u.name ?? s.name, user_config: JSON.stringify(u.userConfig), config: JSON.stringify(u.fullConfig), updated_at: sb.now() };
      sb.db.prepare('UPDATE sources SET name = @name, user_config = @user_config, config = @config, updated_at = @updated_at WHERE id = @id').run(next);
      return c.json(sourceJson(sb, next, requestOrigin(c)));
    });

    app.post(`${prefix}/sources/:id/check`, async (c) => {
      const auth = authorize(c, sb, kinds);
      const s = getSource(sb, auth, uuidParam(c));
      const u = await readSourceUpdate(c, sb, s);
      const ws = getWorkspace(sb, s.workspace_id, auth.organizationId);
      return c.json({ id: createJob(sb, ws, u.template, u.fullConfig, s.id) });
    });

    app.delete(`${prefix}/sources/:id`, (c) => {
      const auth = authorize(c, sb, kinds);
      const s = getSource(sb, auth, uuidParam(c));
      const now = sb.now();
      sb.db.prepare('UPDATE sources SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, s.id);
      return c.json({ id: s.id, deleted_at: iso(now)! });
    });
  }
};

export default routes;
