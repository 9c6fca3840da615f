// ab-elements/server: the operator client for the host's backend (Node ≥ 18, Deno, Bun, edge runtimes).
// Imports nothing from Lit or the DOM. Never bundle it into a browser page: it holds the client secret.
export { OperatorClient, type OperatorClientOptions } from './operator-client.js';
export { ApiError, isAbortError, isApiError, type ApiErrorCode, type FieldError } from '../api/errors.js';
export { parseToken, type ParsedToken } from '../api/token.js';
export { DEFAULT_BASE_URL, type CallOptions, type RetryPolicy } from '../api/http.js';
export * from '../api/types.js';
