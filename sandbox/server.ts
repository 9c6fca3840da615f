// createSandbox(): open the database, seed it, and serve the API. Used by the CLI, the browser-test
// harness (through the CLI) and the Node tests (directly).
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import type { ResolvedOptions, SandboxContext, SandboxOptions } from './context.js';
import { getMeta, openDb, setMeta } from './db.js';
import { ORGANIZATION_ID, seed } from './seed.js';

export type { SandboxOptions } from './context.js';

export type Sandbox = {
  /** Base URL, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  context: SandboxContext;
  close(): Promise<void>;
};

export const DEFAULT_CLIENT_ID = 'sandbox-client';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';

export function resolveOptions(o: SandboxOptions = {}): ResolvedOptions {
  return {
    db: o.db ?? '.sandbox/sandbox.db',
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 4010,
    tokenTtl: o.tokenTtl,
    corsOrigins: o.corsOrigins?.length ? o.corsOrigins : undefined,
    testControls: o.testControls ?? false,
    clientId: o.clientId ?? process.env.AB_SANDBOX_CLIENT_ID ?? DEFAULT_CLIENT_ID,
    clientSecret: o.clientSecret ?? process.env.AB_SANDBOX_CLIENT_SECRET ?? DEFAULT_CLIENT_SECRET,
    checkDelayMs: o.checkDelayMs ?? 1000,
    log: o.log ?? false,
  };
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opts = resolveOptions(options);
  const db = openDb(opts.db);
  let secret = getMeta(db, 'jwt_secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    setMeta(db, 'jwt_secret', secret);
  }
  const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
  seed(db, fixturesDir, Date.now());
  const clock = { offsetMs: 0 };
  const sb: SandboxContext = {
    opts, db, clock, secret, fixturesDir, organizationId: ORGANIZATION_ID, faults: [],
    now: () => Date.now() + clock.offsetMs,
  };
  const app = createApp(sb);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  }).catch((e) => {
    db.close();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    port,
    context: sb,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          if (db.open) db.close();
          resolve();
        });
        server.closeAllConnections?.();
      }),
  };
}
