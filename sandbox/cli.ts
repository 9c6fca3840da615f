// `npm run sandbox -- [flags]`: run the sandbox until interrupted. See sandbox/README.md.
import { parseArgs } from 'node:util';
import { createSandbox } from './server.js';

const HELP = `ab-sandbox: a local Airbyte Embedded API

  --host HOST              interface to bind (default 127.0.0.1)
  --port PORT              port (default 4010; 0 picks a free one)
  --db PATH                SQLite file (default .sandbox/sandbox.db; :memory: for a throwaway one)
  --token-ttl SECONDS      lifetime of every token kind (default 900 application, 1200 scoped/widget)
  --cors-origins LIST      comma-separated origins allowed to use non-widget tokens (default: any)
  --check-delay-ms MS      how long a source check takes (default 1000)
  --enable-test-controls   enable /__sandbox/faults, /__sandbox/clock, ...
  --log                    log every request to stderr
  -h, --help               this text

Credentials: AB_SANDBOX_CLIENT_ID / AB_SANDBOX_CLIENT_SECRET (default sandbox-client / sandbox-secret).`;

function fail(msg: string): never {
  process.stderr.write(`ab-sandbox: ${msg}\n\n${HELP}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      'token-ttl': { type: 'string' },
      'cors-origins': { type: 'string' },
      'check-delay-ms': { type: 'string' },
      'enable-test-controls': { type: 'boolean' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const int = (name: string, v: string | undefined, min: number, max: number) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer between ${min} and ${max}`);
  return n;
};

const sandbox = await createSandbox({
  host: values.host,
  port: int('port', values.port, 0, 65535),
  db: values.db,
  tokenTtl: int('token-ttl', values['token-ttl'], 1, 31_536_000),
  corsOrigins: values['cors-origins']?.split(',').map((s) => s.trim()).filter(Boolean),
  checkDelayMs: int('check-delay-ms', values['check-delay-ms'], 0, 600_000),
  testControls: values['enable-test-controls'] ?? false,
  log: values.log ?? false,
}).catch((e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? `port ${values.port ?? 4010} is in use (try --port 0)` : e.message));

const o = sandbox.context.opts;
process.stdout.write(
  `ab-sandbox listening on ${sandbox.url}\n` +
    `client_id: ${o.clientId}\n` +
    `client_secret: ${o.clientSecret}\n` +
    `organization_id: ${sandbox.context.organizationId}\n` +
    `database: ${o.db}${o.testControls ? '\ntest controls: enabled (/__sandbox/faults, /__sandbox/clock)' : ''}\n`,
);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  sandbox.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
