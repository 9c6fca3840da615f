import { EmbeddedClient, type TokenProvider } from './client.js';
import { normalizeBaseUrl } from './http.js';

export interface SharedClientOptions {
  /** A widget token or scoped JWT. */
  token: string;
  /** Default `https://api.airbyte.ai`. */
  baseUrl?: string;
  /** Set on the shared client if it has none yet. */
  tokenProvider?: TokenProvider;
}

/** Most recently used clients (last), keyed by base URL + token. Bounded so a long-lived page does not grow. */
const clients = new Map<string, EmbeddedClient>();

/**
 * One `EmbeddedClient` per token and base URL for the whole page, so elements that share a token share
 * its refresh and its token-info call. A new token gives a new client (which is how elements notice it).
 */
export function getSharedClient({ token, baseUrl, tokenProvider }: SharedClientOptions): EmbeddedClient {
  const key = `${normalizeBaseUrl(baseUrl) ?? baseUrl}\n${token.trim()}`;
  const client = clients.get(key) ?? new EmbeddedClient({ token, baseUrl, tokenProvider });
  clients.delete(key);
  clients.set(key, client);
  if (clients.size > 16) clients.delete(clients.keys().next().value!);
  client.tokenProvider ??= tokenProvider;
  return client;
}

/** Forgets every shared client (tests; a host that signs the user out). */
export const clearSharedClients = (): void => clients.clear();
