// Browser-side test harness: the sandbox that web-test-runner started for this run
// (test/harness/sandbox-plugin.js), reached through wtr server commands.
//
//   import { sandbox } from './harness/sandbox.js';
//   const token = await sandbox.widgetToken();            // a widget token for this page's origin
//   html`<ab-source-picker .token=${token} api-base-url=${await sandbox.url()}>`
//
// Each test file (page) gets its own workspace by default (`sandbox.workspace`), so files running in
// parallel do not see each other's sources, and its fault rules only hit requests made with that
// workspace's tokens. The seeded templates are shared by every file: do not delete or re-tag them;
// create your own with `sandbox.operator(...)` when a test needs to change templates.
import { executeServerCommand } from '@web/test-runner-commands';

export type FaultRule = {
  /** HTTP method to match; default every method. */
  method?: string;
  /** Path glob (`*` = one segment, `**` = any) or a regular expression starting with `^`. Query strings are ignored. */
  path: string;
  /** Answer with this status and an ApiErrorResponse body. */
  status?: number;
  /** `Retry-After` header value (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** Delay before answering (or before passing the request on, when no status is given). */
  latencyMs?: number;
  /** Answer with a truncated JSON body (status default 200). */
  malformed?: boolean;
  /** Close the connection without answering (fetch rejects with a TypeError). */
  drop?: boolean;
  /** Apply to this many matching requests, then remove itself; default until cleared. */
  times?: number;
  /** Workspace whose tokens the rule applies to; default this page's workspace; `'*'` for every request. */
  workspace?: string;
};

export type OperatorResponse<T = any> = { status: number; body: T };

const workspace = `wtr-${crypto.randomUUID().slice(0, 8)}`;

async function command<T>(name: string, payload?: unknown): Promise<T> {
  const r = await executeServerCommand<T, unknown>(name, payload);
  if (r === undefined) throw new Error(`The sandbox harness did not answer "${name}": is sandboxPlugin() in web-test-runner.config.js?`);
  return r;
}

let url: Promise<string> | undefined;

export const sandbox = {
  /** This page's default workspace name. */
  workspace,
  /** Base URL of the sandbox, e.g. `http://127.0.0.1:43121`. */
  url: (): Promise<string> => (url ??= command<string>('sandbox:url')),
  /** A widget token (base64 JSON {token, widgetUrl}) whose allowed origin is this page's origin. */
  widgetToken: (opts: { workspace?: string; tags?: string[]; tagsMode?: 'any' | 'all'; connectionTags?: string[]; connectionTagsMode?: 'any' | 'all' } = {}) =>
    command<string>('sandbox:widget-token', { origin: location.origin, workspace: opts.workspace ?? workspace, tags: opts.tags, tagsMode: opts.tagsMode, connectionTags: opts.connectionTags, connectionTagsMode: opts.connectionTagsMode }),
  /** A plain scoped token (JWT) for a workspace (works from any origin). */
  scopedToken: (ws: string = workspace) => command<string>('sandbox:scoped-token', { workspace: ws }),
  /** The seeded source template id of a fixture connector, e.g. `'postgres'`. */
  templateId: async (connector: string): Promise<string> => {
    const { id } = await command<{ id: string | null }>('sandbox:template-id', { connector });
    if (!id) throw new Error(`No fixture connector named "${connector}" (see fixtures/connectors)`);
    return id;
  },
  /** Installs a fault rule (see FaultRule). */
  fault: async (rule: FaultRule): Promise<void> => {
    await command('sandbox:fault', { rule, workspace });
  },
  /** Removes this page's fault rules. */
  clearFaults: async (): Promise<void> => {
    await command('sandbox:clear-faults', { workspace });
  },
  /**
   * Calls the sandbox as the operator (application token, server-side), e.g. to create a template:
   * `sandbox.operator('POST', '/api/v1/integrations/templates/sources', {...})`. Never throws on a status.
   */
  operator: <T = any>(method: string, path: string, body?: unknown) => command<OperatorResponse<T>>('sandbox:operator', { method, path, body }),
};
