// The browser client of the Airbyte Embedded API: the only code of the kit that calls fetch.
export * from './types.js';
export { ApiError, isAbortError, isApiError, parseErrorBody, codeForStatus, type ApiErrorCode, type FieldError } from './errors.js';
export { parseToken, tryParseToken, decodeJwtPayload, type ParsedToken } from './token.js';
export {
  HttpCore,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  parseRetryAfter,
  type CallOptions,
  type PollOptions,
  type HttpOptions,
  type RetryPolicy,
  type AuthSource,
  type RequestSpec,
  type Query,
} from './http.js';
export { EmbeddedClient, type EmbeddedClientOptions, type TokenProvider, type WaitForCheckOptions } from './client.js';
export { getSharedClient, clearSharedClients, type SharedClientOptions } from './shared.js';
export * from './oauth.js';
export * from './discovery.js';
