import type { DescNode } from './description.js';

/** A JSON Schema node of the connector-spec dialect, as found in the wild (anything may be missing or odd). */
export type JsonSchema = Record<string, unknown>;

/** A `ConnectorSpecification` (snake_case or the platform's camelCase `advancedAuth`). */
export interface ConnectorSpec {
  documentationUrl?: string | null;
  connectionSpecification: JsonSchema;
  advanced_auth?: unknown;
  advancedAuth?: unknown;
  [key: string]: unknown;
}

/** OAuth description, normalised from either spelling (see connector-spec-rules.md §9). */
export interface AuthSpec {
  /** Path into the config whose value means "OAuth chosen" (absent: OAuth is the only way in). */
  predicateKey?: string[];
  predicateValue?: unknown;
  /** `[payload key, config path]` of `complete_oauth_output_specification` (the tokens the flow returns). */
  outputs: [string, string[]][];
  /** `[payload key, config path]` of `complete_oauth_server_output_specification` (client id/secret the platform holds). */
  serverOutputs: [string, string[]][];
  /** `[key, config path]` of `oauth_user_input_from_connector_config_specification` (asked before the consent). */
  inputs: [string, string[]][];
  /** Config paths the OAuth flow fills in (outputs, then server outputs). */
  outputPaths: string[][];
}

export type FieldKind =
  | 'string'
  | 'secret'
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'multiEnum'
  | 'date'
  | 'datetime'
  | 'object'
  | 'oneOf'
  | 'arrayOfStrings'
  | 'arrayOfObjects'
  | 'const'
  | 'json';

/** One field of the form: a leaf control, an object (fieldset), a oneOf chooser or an array. */
export interface FieldNode {
  /** Property key in the parent object ('' for the root, '[]' for an array's item template). */
  key: string;
  kind: FieldKind;
  /** The original schema node. */
  schema: JsonSchema;
  /** Plain-text label: `title`, else the corpus typo `tittle`, else the key. */
  title: string;
  description: DescNode[];
  /** Example values, formatted for display ("a, b"). */
  examples?: string;
  /** Format hint: `pattern_descriptor`, or derived from a well-known date pattern. */
  hint?: string;
  pattern?: string;
  required: boolean;
  /** `airbyte_hidden`: not rendered; its default/const still goes into the value. */
  hidden: boolean;
  /** Given by the template's `partial_default_config`: not rendered, not sent (the API applies it). */
  preset: boolean;
  default?: unknown;
  /** `const` (also a single-value `enum` with a `default`). */
  const?: unknown;
  /** Allowed values (`enum`, or `items.enum` for multiEnum). */
  enumValues?: unknown[];
  /** Secret (`airbyte_secret`): password input or, with `multiline`, a masked textarea. */
  secret: boolean;
  multiline: boolean;
  /** Item type of arrayOfStrings (tags): 'string', 'integer' or 'number'. */
  itemType?: 'string' | 'integer' | 'number';
  /** Date picker precision for date/datetime (and 'month' for `^[0-9]{4}-[0-9]{2}$`). */
  dateMode?: 'date' | 'datetime' | 'month';
  /** Fractional second digits a datetime pattern wants (0, 3 or 6). */
  fraction?: number;
  /** object / oneOf option / array item: children in display order (bands + `order` + natural key). */
  children?: FieldNode[];
  /** object: children split into sections (required band expanded, optional band collapsible). */
  sections?: Section[];
  /** oneOf: the options. */
  options?: OneOfOption[];
  /** oneOf: the key whose const tells the options apart (undefined: chosen by shape). */
  discriminator?: string;
  /** oneOf with `display_type: radio`. */
  radio?: boolean;
  /** arrayOfObjects: the item template. */
  item?: FieldNode;
  /**
   * OAuth hook for the sign-in flow: `predicate` marks the field where a "Sign in" control goes,
   * `output` marks fields the OAuth flow fills in (hidden while the sign-in control is shown).
   */
  oauth?: 'predicate' | 'output';
}

export interface OneOfOption {
  title: string;
  description: DescNode[];
  schema: JsonSchema;
  /** The discriminator value of this option (undefined without a discriminator). */
  value?: unknown;
  hidden: boolean;
  children: FieldNode[];
  sections: Section[];
}

/** A run of fields shown together: expanded, or collapsible ("Optional fields"). */
export interface Section {
  collapsible: boolean;
  /** Title of a collapsible that holds a whole card/object (its group title), else undefined. */
  title?: string;
  fields: FieldNode[];
}

/** A root-level card (`group`), with its optional title from `groups`. */
export interface Card {
  id: string;
  title?: string;
  sections: Section[];
}

export interface FormModel {
  /** The root node: an object (or, for a root-level oneOf, a oneOf). */
  root: FieldNode;
  cards: Card[];
  title: string;
  documentationUrl?: string;
  auth?: AuthSpec;
  mode: 'create' | 'edit';
  /** The template's `partial_default_config`: left out of the submitted value. */
  preset?: Record<string, unknown>;
}

export interface BuildOptions {
  /** The template's `partial_default_config`: these keys are neither shown nor sent. */
  partialDefaultConfig?: Record<string, unknown> | null;
  mode?: 'create' | 'edit';
}

/** A path into a config value: property keys and array indexes. */
export type Path = (string | number)[];
