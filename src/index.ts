// Classes and types only: importing this module defines no element (use the per-element entries).
export { AbElement } from './internal/ab-element.js';
export { en, type Translations, type TranslationKey } from './translations/en.js';
export { AbApiElement } from './internal/api-element.js';
export { AbErrorEvent, AbTokenExpiredEvent, type AbErrorDetail } from './internal/common.events.js';
export {
  EmbeddedClient,
  getSharedClient,
  clearSharedClients,
  ApiError,
  isAbortError,
  isApiError,
  parseToken,
  type ApiErrorCode,
  type FieldError,
  type ParsedToken,
  type CallOptions,
  type PollOptions,
  type EmbeddedClientOptions,
  type TokenProvider,
  type WaitForCheckOptions,
  type SharedClientOptions,
} from './api/index.js';
export type * from './api/types.js';
export { AbStreamExplorer } from './components/stream-explorer/stream-explorer.js';
export { AbStreamsChangeEvent, AbCatalogLoadEvent } from './components/stream-explorer/stream-explorer.events.js';
export type { ConfiguredCatalog, ConfiguredStream, SelectionMode } from './components/stream-explorer/stream-explorer.types.js';
export {
  discoverSource,
  getSourceCatalog,
  waitForCatalog,
  listSourceStreams,
  getSourceStream,
  type AirbyteStream,
  type StreamCatalog,
  type ForeignKey,
  type SyncMode,
  type DiscoverJob,
  type StreamListItem,
  type SonarStream,
  type SonarCatalog,
  type TemplateCatalogResponse,
  type DiscoveryProgress,
  type WaitForCatalogOptions,
} from './api/discovery.js';
export { AbSourcePicker } from './components/source-picker/source-picker.js';
export { AbSourceSelectEvent, type AbSourceSelectDetail } from './components/source-picker/source-picker.events.js';
export { SOURCE_PICKER_VARIANTS, type SourcePickerVariant, type SourcePickerTagsMode } from './components/source-picker/source-picker.types.js';
export { AbSourceForm } from './components/source-form/source-form.js';
export { AbBeforeSubmitEvent, AbCheckEvent, AbSourceCreatedEvent, AbSourceUpdatedEvent, AbSubmitEvent } from './components/source-form/source-form.events.js';
export { buildModel, initialValue, toSubmitValue, validateAll, validateField, switchOption, parseDescription, SECRET_MASK } from './spec/index.js';
export type { FormModel, FieldNode, FieldKind, OneOfOption, Section, Card, ConnectorSpec, AuthSpec, BuildOptions } from './spec/index.js';
export { AbOAuthEvent, type AbOAuthDetail } from './components/source-form/oauth.events.js';
export { OAuthFlow, parseConsentUrl, type OAuthStatus, type OAuthOutcome, type OAuthReason, type OAuthPhase, type OAuthFlowOptions, type OAuthCompleteAnswer } from './oauth/flow.js';
export { relayOAuthCallback, OAUTH_CALLBACK_CHANNEL, type OAuthCallbackMessage } from './oauth/callback.js';
export {
  getEmbeddedConsentUrl,
  completeSourceOAuth,
  revokeSourceOAuth,
  type GetEmbeddedSourceConsentUrlRequest,
  type CompleteSourceOauthRequest,
  type CompleteSourceOauthResponse,
  type RevokeSourceOauthRequest,
} from './api/oauth.js';
