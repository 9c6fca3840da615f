import { EmbeddedClient, type TokenProvider } from './client.js';
import { normalizeBaseUrl, DEFAULT_BASE_URL } from './http.js';

export interface SharedClientOptions {
  /** A widget token or scoped JWT. */
  token: string;
  /** Default `https://api.airbyte.ai`. */
  baseUrl?: string;
  /** Set on the shared client if it has none yet. */
  tokenProvider?: TokenProvider;
}

/** Most recently used clients, keyed by base URL + token. Bounded so a long-lived page does not grow. */
const clients = new Map<string, EmbeddedClient>();
const MAX_CLIENTS = 16;

function keyOf(token: string, baseUrl: string | undefined): string {
  let base: string;
  try {
    base = normalizeBaseUrl(baseUrl || DEFAULT_BASE_URL);
  } catch {
    base = String(baseUrl);
  }
  return `${base}\n${token.trim()}`;
}

/**
 * One `EmbeddedClient` per token and base URL for the whole page, so elements that share a token share
 * its refresh and its token-info call. A new token gives a new client (which is how elements notice it).
 */
export function getSharedClient({ token, baseUrl, tokenProvider }: SharedClientOptions): EmbeddedClient {
  const key = keyOf(token, baseUrl);
  let client = clients.get(key);
  if (client) {
    clients.delete(key); // re-insert: most recently used last
  } else {
    client = new EmbeddedClient({ token, baseUrl: baseUrl || DEFAULT_BASE_URL, tokenProvider });
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  }
  clients.set(key, client);
  if (tokenProvider && !client.tokenProvider) client.tokenProvider = tokenProvider;
  return client;
}

/** Forgets every shared client (tests; a host that signs the user out). */
export function clearSharedClients(): void {
  clients.clear();
}
