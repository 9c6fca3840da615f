// OAuth for sources (api-contract §9.1): the three `/api/v1/internal/oauth/sources/*` calls the
// embedded widget makes with the scoped token. Free functions over `EmbeddedClient.request`, so the
// client core stays the only code that speaks HTTP; each fills `workspace_id` from the token.
import type { EmbeddedClient } from './client.js';
import { hasStrings, isObject, type CallOptions, type RequestSpec } from './http.js';
import type { JsonObject, Uuid } from './types.js';

/** Body of `get_embedded_consent_url` (`GetEmbeddedSourceConsentUrlRequest`). */
export interface GetEmbeddedSourceConsentUrlRequest {
  workspace_id: Uuid;
  source_definition_id: Uuid;
  /** Where the provider sends the browser after consent (the host's callback page). */
  redirect_url: string;
  /** Re-authentication of an existing source. */
  source_id?: Uuid | null;
  /** Values of the spec's `oauth_user_input_from_connector_config_specification` fields (e.g. a subdomain). */
  oauth_input_configuration?: JsonObject;
}

export interface GetEmbeddedSourceConsentUrlResponse {
  consent_url: string;
}

/** Body of `complete` (`CompleteSourceOauthRequest`). */
export interface CompleteSourceOauthRequest {
  workspace_id: Uuid;
  source_definition_id: Uuid;
  /** Must be the one used for the consent URL. */
  redirect_url: string;
  /** Required, "ignored in an embedded context": the client sends `{}`. */
  o_auth_input_configuration: JsonObject;
  /** Everything the provider appended to the redirect (`code`, `state`, …). */
  query_params?: Record<string, string> | null;
  return_secret_coordinate?: boolean;
  source_id?: Uuid | null;
}

/** Answer of `complete`: `auth_payload` holds the keys of the spec's `complete_oauth_*output_specification`. */
export interface CompleteSourceOauthResponse {
  request_succeeded: boolean;
  auth_payload: JsonObject;
  request_error?: string | null;
}

export interface RevokeSourceOauthRequest {
  workspace_id: Uuid;
  source_definition_id: Uuid;
  source_id: Uuid;
}

export type ConsentUrlInput = Omit<GetEmbeddedSourceConsentUrlRequest, 'workspace_id'>;
export type CompleteOAuthInput = Omit<CompleteSourceOauthRequest, 'workspace_id' | 'o_auth_input_configuration'> & {
  o_auth_input_configuration?: JsonObject;
};
export type RevokeOAuthInput = Omit<RevokeSourceOauthRequest, 'workspace_id'>;

/** Sends `spec` with the token's `workspace_id` added to its body. */
async function post<T>(client: EmbeddedClient, spec: Omit<RequestSpec, 'auth'> & { body: object }, options?: CallOptions): Promise<T> {
  return client.request<T>({ ...spec, body: { ...spec.body, workspace_id: await client.getWorkspaceId(options) } }, options);
}

/** `POST /api/v1/internal/oauth/sources/get_embedded_consent_url` → the provider's consent URL. */
export async function getEmbeddedConsentUrl(client: EmbeddedClient, input: ConsentUrlInput, options?: CallOptions): Promise<string> {
  const expect = hasStrings('consent_url');
  return (await post<GetEmbeddedSourceConsentUrlResponse>(client, { method: 'POST', path: '/api/v1/internal/oauth/sources/get_embedded_consent_url', body: input, expect }, options)).consent_url;
}

/**
 * `POST /api/v1/internal/oauth/sources/complete`: exchanges the redirect's query for the auth payload.
 * Never retried by the client (a code works once). A refused code answers `request_succeeded: false`.
 */
export function completeSourceOAuth(client: EmbeddedClient, input: CompleteOAuthInput, options?: CallOptions): Promise<CompleteSourceOauthResponse> {
  const expect = (v: any) => typeof v?.request_succeeded == 'boolean' && (v.auth_payload == null || isObject(v.auth_payload));
  return post(client, { method: 'POST', path: '/api/v1/internal/oauth/sources/complete', body: { o_auth_input_configuration: {}, ...input }, expect }, options);
}

/** `POST /api/v1/internal/oauth/sources/revoke`: forgets the grant of a source. */
export async function revokeSourceOAuth(client: EmbeddedClient, input: RevokeOAuthInput, options?: CallOptions): Promise<void> {
  await post(client, { method: 'POST', path: '/api/v1/internal/oauth/sources/revoke', body: input }, options);
}
