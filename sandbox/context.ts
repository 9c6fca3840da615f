// The state every route shares: options, database, clock, signing secret, fault rules.
import type { HttpBindings } from '@hono/node-server';
import type { DB } from './db.js';
import type { FaultRule } from './faults.js';

export type SandboxOptions = {
  /** SQLite file path, or `:memory:`. Default `.sandbox/sandbox.db`. */
  db?: string;
  host?: string;
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Lifetime in seconds of every token kind (default: application 900, scoped/widget 1200). */
  tokenTtl?: number;
  /** When set, tokens that are not widget tokens are only accepted from these origins. */
  corsOrigins?: string[];
  /** Enables `/__sandbox/*` test controls (faults, clock, ...). */
  testControls?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** How long a check job takes from `pending` to its result. Default 1000 ms. */
  checkDelayMs?: number;
  /** Log one line per request to stderr. */
  log?: boolean;
};

export type ResolvedOptions = Required<Omit<SandboxOptions, 'tokenTtl' | 'corsOrigins'>> & {
  tokenTtl: number | undefined;
  corsOrigins: string[] | undefined;
};

export type SandboxContext = {
  opts: ResolvedOptions;
  db: DB;
  /** Sandbox clock in epoch ms (real time + a test-controlled offset). */
  now(): number;
  clock: { offsetMs: number };
  /** HS256 signing secret (persisted in the database, so tokens survive a restart). */
  secret: string;
  organizationId: string;
  faults: FaultRule[];
  fixturesDir: string;
};

export type AppEnv = {
  Bindings: HttpBindings;
  Variables: {
    /** Answer without CORS headers (an origin the token is not bound to). */
    noCors?: boolean;
    /** The request's origin is the widget token's allowed origin. */
    corsOk?: boolean;
  };
};
