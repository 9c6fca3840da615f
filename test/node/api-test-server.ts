// A tiny scripted HTTP server for the protocol edge cases of the API clients (retries, Retry-After,
// timeouts, error bodies) that a faithful sandbox cannot produce on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse, n: number) => void | Promise<void>;

export async function startServer(handler: Handler) {
  const requests: Recorded[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let current = handler;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rec: Recorded = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(rec);
    try {
      await current(rec, res, requests.length);
    } catch (e) {
      if (!res.headersSent) res.writeHead(599).end(String(e));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set handler(h: Handler) {
      current = h;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** An unsigned-looking HS256 JWT with the claims of a scoped token. */
export function makeJwt(opts: { exp?: number; workspaceId?: string; sub?: string } = {}): string {
  const payload: Record<string, unknown> = {
    aud: 'airbyte-server',
    sub: opts.sub ?? 'user-' + Math.random().toString(36).slice(2),
    typ: 'io.airbyte.auth.embedded_v1',
    roles: ['EMBEDDED_END_USER'],
    exp: opts.exp ?? Math.floor(Date.now() / 1000) + 1200,
  };
  if (opts.workspaceId) payload['io.airbyte.auth.workspace_scope'] = { workspaceId: opts.workspaceId };
  return `${b64url(JSON.stringify({ alg: 'HS256' }))}.${b64url(JSON.stringify(payload))}.${b64url('signature-bytes-xyz')}`;
}

export function makeWidgetToken(jwt: string, widgetUrl = 'https://app.airbyte.ai/quick-start/widget?workspaceId=ws-from-url&allowedOrigin=https://x.test', urlSafe = false): string {
  const raw = Buffer.from(JSON.stringify({ token: jwt, widgetUrl }));
  return urlSafe ? raw.toString('base64url') : raw.toString('base64');
}

export const WS = '11111111-2222-4333-8444-555555555555';
export const ORG = '99999999-2222-4333-8444-555555555555';
