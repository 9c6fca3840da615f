// The mount point: every route file is a function `(app, sb) => void` registering its paths.
// To add an area (e.g. discovery, OAuth), write `sandbox/routes/<area>.ts` exporting such a function
// as default and add it to `routes` below. Shared helpers:
//   ../auth.ts  authorize(c, sb, kinds) → {kind, organizationId, workspaceId, allowedOrigin, tags…};
//               assertWorkspace(auth, id)
//   ../http.ts  HttpError/notFound/forbidden/unprocessable (→ ApiErrorResponse), readJson(c) (size
//               limit, malformed → 400), BodyReader (per-field 422), uuidParam, tagQuery, requestOrigin
//   ../repo.ts  rows ↔ response shapes (workspaces, definitions, templates, sources)
import type { Hono } from 'hono';
import type { AppEnv, SandboxContext } from '../context.js';
import assets from './assets.js';
import connectionTemplates from './connection-templates.js';
import definitions from './definitions.js';
import discovery from './discovery.js';
import oauth from './oauth.js';
import sources from './sources.js';
import sourceTemplates from './source-templates.js';
import tags from './tags.js';
import testControls from './test-controls.js';
import tokens from './tokens.js';
import workspaces from './workspaces.js';

export type RouteModule = (app: Hono<AppEnv>, sb: SandboxContext) => void;

export const routes: RouteModule[] = [
  assets,
  testControls,
  tokens,
  workspaces,
  definitions,
  sourceTemplates,
  connectionTemplates,
  tags,
  sources,
  oauth,
  discovery,
  // discovery (issue 7), oauth (issue 8): add here
];
