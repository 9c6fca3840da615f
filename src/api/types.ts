/**
 * Request and response types of the Airbyte Embedded API ("Sonar", Era B), written by hand from
 * `fixtures/openapi/sonar-embedded-subset.openapi.json` (a transcription of Airbyte's own OpenAPI).
 * Names follow the schema names of that document; `test/node/api-openapi.test.ts` validates real
 * request bodies and real sandbox responses against the schemas so drift on either side is caught.
 *
 * Field names are the wire names (snake_case, except connector definitions which are camelCase upstream).
 */

// ---------------------------------------------------------------- shared

/** ISO-8601 date-time string. */
export type DateTime = string;
/** UUID string. */
export type Uuid = string;
/** How a list of tags is matched: `any` = at least one, `all` = every one. */
export type TagSelectionMode = 'all' | 'any';
/** A JSON object of connector configuration values. */
export type JsonObject = Record<string, unknown>;

/** `{id, deleted_at}`: every delete in scope answers with it. */
export interface DeletedResponse {
  id: Uuid;
  deleted_at: DateTime;
}

/** `{deleted_at}`: removing a tag from a template. */
export interface UntagResponse {
  deleted_at: DateTime;
}

/** Body of `POST …/{id}/tags`. */
export interface TagRequest {
  tag: string;
}

/** One entry of `ApiErrorResponse.errors`. */
export interface ApiErrorItem {
  field?: string | null;
  message?: string | null;
  error_code?: string | null;
}

/** The error body the spec declares for every operation. (FastAPI-style `{detail}` bodies also occur.) */
export interface ApiErrorResponse {
  message?: string | null;
  errors?: ApiErrorItem[];
}

// ---------------------------------------------------------------- tokens

export interface TokenRequest {
  client_id: string;
  client_secret: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  /** Seconds (900 = 15 min in the docs). */
  expires_in: number;
  /** Only in the later (Agent Engine) spec. */
  organization_id?: Uuid | null;
}

/** US region (the default when omitted). */
export const REGION_US = '645a183f-b12b-4c6e-8ad3-99e165603450';
/** EU region. */
export const REGION_EU = 'b9e48d61-f082-4a14-a8d0-799a907938cb';

export interface ScopedTokenCreateRequest {
  /** The workspace (one per end user / customer); created when it does not exist yet. */
  workspace_name: string;
  region_id?: Uuid | null;
}

export interface ScopedTokenCreateResponse {
  /** A scoped JWT. */
  token: string;
}

export interface ScopedTokenInfoGetResponse {
  organization_id: Uuid;
  workspace_id: Uuid;
}

export interface WidgetTokenCreateRequest {
  workspace_name: string;
  /** `scheme://host[:port]` of the page that will use the token, e.g. `https://app.example.com`. */
  allowed_origin: string;
  region_id?: Uuid | null;
  selected_source_template_tags?: string[];
  selected_source_template_tags_mode?: TagSelectionMode;
  selected_connection_template_tags?: string[];
  selected_connection_template_tags_mode?: TagSelectionMode;
}

export interface WidgetTokenCreateResponse {
  /** base64 of JSON `{token: <scoped JWT>, widgetUrl: <url>}`. */
  token: string;
}

// ---------------------------------------------------------------- connector specs

export interface OAuthConfigSpecification {
  oauth_user_input_from_connector_config_specification?: JsonObject | null;
  oauth_connector_input_specification?: JsonObject | null;
  complete_oauth_output_specification?: JsonObject;
  complete_oauth_server_input_specification?: JsonObject;
  complete_oauth_server_output_specification?: JsonObject;
}

export interface AdvancedAuth {
  auth_flow_type: string;
  predicate_key?: string[] | null;
  predicate_value?: string | null;
  oauth_config_specification: OAuthConfigSpecification;
}

/** The JSON Schema of a connector's configuration (Airbyte connector-spec dialect). */
export interface ConnectionSpecification {
  type: string;
  required?: string[];
  properties?: Record<string, unknown>;
  description?: string | null;
  title?: string | null;
  $schema?: string | null;
  [keyword: string]: unknown;
}

export type DestinationSyncMode = 'append' | 'append_dedup' | 'overwrite' | 'overwrite_dedup' | 'soft_delete' | 'update';

export interface ConnectorSpecification {
  documentationUrl?: string | null;
  connectionSpecification: ConnectionSpecification;
  advanced_auth?: AdvancedAuth | null;
  supported_destination_sync_modes?: DestinationSyncMode[] | null;
}

export type SupportLevel = 'archived' | 'certified' | 'community' | 'none';

/** A connector of the registry (camelCase keys upstream). */
export interface ConnectorDefinitionSummarized {
  sourceDefinitionId?: string | null;
  destinationDefinitionId?: string | null;
  name: string;
  iconUrl?: string | null;
  custom?: boolean | null;
  supportLevel?: SupportLevel | null;
}

export interface ConnectorDefinition extends ConnectorDefinitionSummarized {
  spec: ConnectorSpecification;
}

export interface SourceDefinitionListResponse {
  definitions: ConnectorDefinitionSummarized[];
}

export interface SourceDefinitionResponse {
  id: Uuid;
  definition: ConnectorDefinition;
}

// ---------------------------------------------------------------- source templates

export type StreamSelectionMode = 'all' | 'suggested' | 'whitelist';

export interface StreamCustomization {
  primary_key_fields?: string[][] | null;
  cursor_field?: string[] | null;
}

export interface HashingMapper {
  type: 'hashing';
  mapper_configuration: { target_field: string; method: 'SHA256' | 'SHA512' | 'MD5'; field_name_suffix?: string | null };
}
export interface FieldRenamingMapper {
  type: 'field-renaming';
  mapper_configuration: { original_field_name: string; new_field_name: string };
}
export interface FieldFilteringMapper {
  type: 'field-filtering';
  mapper_configuration: { target_field: string };
}
export interface RowFilteringMapper {
  type: 'row-filtering';
  mapper_configuration: { conditions: { type: 'equal'; field_name: string; comparison_value: string } };
}
export interface EncryptionMapper {
  type: 'encryption';
  mapper_configuration: {
    target_field: string;
    public_key: string;
    algorithm?: 'RSA';
    padding?: 'RSA-OAEP';
    oaep_hash?: 'SHA256';
    field_name_suffix?: string | null;
    output_encoding?: 'base64' | 'hex';
  };
}
export type StreamMapper = HashingMapper | FieldRenamingMapper | FieldFilteringMapper | RowFilteringMapper | EncryptionMapper;

export interface SourceTemplateCustomization {
  stream_selection_mode?: StreamSelectionMode;
  stream_whitelist?: string[] | null;
  stream_customizations?: Record<string, StreamCustomization> | null;
  stream_mappers?: Record<string, StreamMapper[]> | null;
}

export type SonarCatalogSchemaType = 'structured' | 'unstructured' | 'dynamic' | 'customizable';

/**
 * A source template with everything needed to render its form (`SourceTemplateGetResponse`; the same shape
 * answers create/update/tag and appears as `DetailedSourceTemplate` inside a source).
 */
export interface SourceTemplate {
  id: Uuid;
  name: string;
  icon?: string | null;
  source_definition_id: Uuid;
  /** The form the end user fills in (the connector spec minus the defaulted fields). */
  user_config_spec: ConnectorSpecification;
  /** Values the operator fixed; the end user does not supply them. */
  partial_default_config: JsonObject;
  customization?: SourceTemplateCustomization | null;
  tags?: string[];
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}
export type SourceTemplateGetResponse = SourceTemplate;
export type DetailedSourceTemplate = SourceTemplate;

/** A source template in a list (no `user_config_spec`: fetch the template to render a form). */
export interface SourceTemplateListItem {
  id: Uuid;
  name: string;
  icon: string | null;
  tags?: string[];
  customization?: SourceTemplateCustomization | null;
  has_source_definition_catalog?: boolean;
  catalog_type?: SonarCatalogSchemaType | null;
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}
export type SummarizedSourceTemplate = SourceTemplateListItem;

export interface SourceTemplateListResponse {
  data: SourceTemplateListItem[];
}

/** Query of the template lists. */
export interface TemplateListQuery {
  tags?: string[];
  /** Default `all` on the server. */
  tagsMode?: TagSelectionMode;
}

export interface SourceTemplateCreateRequest {
  actor_definition_id: Uuid;
  partial_default_config: JsonObject;
  name?: string | null;
  customization?: SourceTemplateCustomization | null;
}

export interface SourceTemplateCloneRequest {
  original_source_template_id: Uuid;
  name?: string | null;
}

export interface SourceTemplateUpdateRequest {
  partial_default_config: JsonObject;
  name?: string | null;
  propagate?: boolean | null;
  customization?: SourceTemplateCustomization | null;
}

// ---------------------------------------------------------------- sources

/** What the element supplies to check or create a source; the client adds `workspace_id`. */
export interface SourceInput {
  source_template_id: Uuid;
  /** Only the fields not in the template's `partial_default_config`. */
  source_config: JsonObject;
  name?: string | null;
  selected_connection_template_tags?: string[];
  selected_connection_template_tags_mode?: TagSelectionMode;
}

/** `SourceCreateRequest` = `SourceCheckConfigRequest` on the wire. */
export interface SourceCreateRequest extends SourceInput {
  workspace_id: Uuid;
}
export type SourceCheckConfigRequest = SourceCreateRequest;

/** `SourceUpdateRequest` = `SourceCheckConfigUpdateRequest`. */
export interface SourceUpdateRequest {
  name?: string | null;
  source_config?: JsonObject | null;
}

/** A source (`SourceGetResponse`; also the create and update responses). Secrets come back redacted. */
export interface Source {
  id: Uuid;
  name: string;
  source_template: SourceTemplate;
  source_config: JsonObject;
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}
export type SourceGetResponse = Source;

export interface SourceListItem {
  id: Uuid;
  name: string;
  summarized_source_template: SourceTemplateListItem;
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}

export interface SourceListResponse {
  data: SourceListItem[];
}

/** `{id}` of a check job. */
export interface SourceCheckConfigResponse {
  id: Uuid;
}

export type CheckStatusValue = 'pending' | 'running' | 'cancelled' | 'failed' | 'succeeded';
/** Statuses after which a check job does not change any more. */
export const TERMINAL_CHECK_STATUSES: readonly CheckStatusValue[] = ['succeeded', 'failed', 'cancelled'];

export interface StreamDescriptor {
  name: string;
  namespace?: string | null;
}

export interface FailureReason {
  /** Epoch milliseconds (unit inferred). */
  timestamp: number;
  failure_origin?:
    | 'source'
    | 'destination'
    | 'replication'
    | 'normalization'
    | 'dbt'
    | 'persistence'
    | 'airbyte_platform'
    | 'unknown'
    | null;
  failure_type?:
    | 'config_error'
    | 'transient_error'
    | 'system_error'
    | 'destination_timeout'
    | 'heartbeat_timeout'
    | 'manual_cancellation'
    | 'refresh_schema'
    | null;
  external_message?: string | null;
  internal_message?: string | null;
  stacktrace?: string | null;
  retryable?: boolean | null;
  from_trace_message?: boolean | null;
  stream_descriptor?: StreamDescriptor | null;
}

/** `SourceCheckConfigStatusResponse`. Prefer `enhanced_error_message` for display when present. */
export interface CheckStatus {
  id: Uuid;
  status: CheckStatusValue;
  error_message?: string | null;
  failure_reason?: FailureReason | null;
  enhanced_error_message?: string | null;
}
export type SourceCheckConfigStatusResponse = CheckStatus;

// ---------------------------------------------------------------- connection templates

export type NonBreakingChangesPreference = 'ignore' | 'disable' | 'propagate_columns' | 'propagate_fully';
export type DataHostingType = 'user_hosted' | 'airbyte_hosted';

export interface ConnectionTemplate {
  id: Uuid;
  organization_id: Uuid;
  destination_name: string;
  destination_definition_id: Uuid;
  destination_config: JsonObject;
  icon?: string | null;
  /** Quartz cron. */
  cron_expression?: string | null;
  non_breaking_changes_preference?: NonBreakingChangesPreference;
  sync_on_create?: boolean;
  data_hosting_type?: DataHostingType;
  tags?: string[];
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}

export interface ConnectionTemplateListResponse {
  data: ConnectionTemplate[];
}

export interface UserHostedConnectionTemplateCreateRequest {
  data_hosting_type?: 'user_hosted';
  destination_name: string;
  destination_definition_id: Uuid;
  destination_config: JsonObject;
  cron_expression?: string | null;
  non_breaking_changes_preference?: NonBreakingChangesPreference;
  sync_on_create?: boolean;
}

export interface AirbyteHostedConnectionTemplateCreateRequest {
  data_hosting_type: 'airbyte_hosted';
  cron_expression?: string | null;
}

export type ConnectionTemplateCreateRequest =
  | UserHostedConnectionTemplateCreateRequest
  | AirbyteHostedConnectionTemplateCreateRequest;

export interface ConnectionTemplatePatchRequest {
  destination_name?: string | null;
  destination_config?: JsonObject | null;
  cron_expression?: string | null;
  non_breaking_changes_preference?: NonBreakingChangesPreference | null;
  sync_on_create?: boolean | null;
}

export interface CronExpressionDescribeRequest {
  cron_expression: string;
}

export interface CronExpressionDescribeResponse {
  description: string;
  is_valid: boolean;
}

// ---------------------------------------------------------------- template tags

export interface TemplateTag {
  id: Uuid;
  name: string;
  organization_id: Uuid;
  created_at?: DateTime | null;
  updated_at?: DateTime | null;
}

export interface TemplateTagListResponse {
  data: TemplateTag[];
}

/** `TemplateTagCreateRequest` / `TemplateTagUpdateRequest`. */
export interface TemplateTagNameRequest {
  /** At most 255 characters. */
  name: string;
}

// ---------------------------------------------------------------- workspaces

export type WorkspaceStatus = 'active' | 'inactive';

export interface Workspace {
  id: Uuid;
  name: string;
  organization_id: Uuid;
  status: WorkspaceStatus;
  created_at: DateTime;
  updated_at: DateTime;
}

export interface WorkspaceListQuery {
  /** Case-insensitive substring of the name. */
  name_contains?: string;
  status?: WorkspaceStatus;
  /** 1..100, default 20. */
  limit?: number;
  /** Opaque; taken from the previous page's `next`. */
  cursor?: string;
}

export interface WorkspaceListResponse {
  /** Full URL of the next page, `null` when done. */
  next?: string | null;
  data: Workspace[];
}

export interface WorkspaceUpdateRequest {
  name?: string | null;
  status?: WorkspaceStatus | null;
}

export interface WorkspaceStatsResponse {
  active_count: number;
  inactive_count: number;
  total_count: number;
}
