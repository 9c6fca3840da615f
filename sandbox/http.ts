// Shared HTTP helpers for every route file: the error type, the ApiErrorResponse body, JSON body
// parsing with a size limit, and a small request validator that answers like the real API (422 with
// per-field `errors[{field, message, error_code}]`, pydantic-style error codes).
import type { Context } from 'hono';
import { isUuid } from './ids.js';

export type FieldError = { field: string | null; message: string | null; error_code: string | null };
export type ApiErrorBody = { message: string | null; errors: FieldError[] };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** Answer without any CORS header (an origin the token is not bound to). */
    readonly noCors = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string, errors: FieldError[] = []) => new HttpError(400, msg, errors);
export const unauthorized = (msg = 'Invalid authentication credentials') =>
  new HttpError(401, msg, [], false, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (msg = 'Access denied to this resource') => new HttpError(403, msg);
export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const unprocessable = (errors: FieldError[], msg = 'Request validation failed') => new HttpError(422, msg, errors);

export const errorBody = (message: string, errors: FieldError[] = []): ApiErrorBody => ({ message, errors });

/** Largest accepted request body (bytes). Larger bodies get 413. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * Reads the request body as JSON. Empty body → `undefined`. Malformed JSON → 400. Over
 * {@link BODY_LIMIT} → 413. A content type other than JSON → 415.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new HttpError(415, `Unsupported content type "${type.split(';')[0]}": send application/json`);
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > BODY_LIMIT) throw tooLarge();
  const raw = c.req.raw.body;
  if (!raw) return undefined;
  const reader = raw.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('Malformed JSON in request body', [{ field: null, message: (e as Error).message, error_code: 'json_invalid' }]);
  }
  if (depthOver(value, MAX_DEPTH)) throw badRequest(`JSON nested too deeply (more than ${MAX_DEPTH} levels)`, [{ field: null, message: 'Nesting too deep', error_code: 'json_invalid' }]);
  return value;
}

/** Deepest nesting a body may have (real connector configs stay under 10). */
export const MAX_DEPTH = 64;

/** Iterative, so a hostile body cannot overflow the stack here or in the recursive helpers after it. */
function depthOver(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

const tooLarge = () => new HttpError(413, `Request body too large (limit ${BODY_LIMIT} bytes)`);

type Opt<T> = { required?: boolean; nullable?: boolean; default?: T };

/**
 * Validates a JSON body field by field, collecting every error; `done()` throws one 422 with all of
 * them. Unknown keys are ignored (FastAPI/pydantic default).
 */
export class BodyReader {
  readonly errors: FieldError[] = [];
  readonly obj: Record<string, unknown>;

  constructor(body: unknown, required = true) {
    if (body === undefined && !required) body = {};
    if (body === undefined) {
      this.errors.push({ field: null, message: 'Field required: a JSON body is expected', error_code: 'missing' });
      this.obj = {};
    } else if (!isObject(body)) {
      this.errors.push({ field: null, message: 'Input should be a valid dictionary or object to extract fields from', error_code: 'model_attributes_type' });
      this.obj = {};
    } else this.obj = body;
  }

  has(key: string) {
    return this.obj[key] !== undefined;
  }

  private get<T>(key: string, o: Opt<T>, check: (v: unknown) => string | null, code: string): T | null | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (o.required) this.errors.push({ field: key, message: 'Field required', error_code: 'missing' });
      return o.default;
    }
    if (v === null) {
      if (o.nullable) return null;
      this.errors.push({ field: key, message: o.required ? 'Field required' : 'Input should not be null', error_code: o.required ? 'missing' : code });
      return o.default;
    }
    const msg = check(v);
    if (msg) {
      this.errors.push({ field: key, message: msg, error_code: code });
      return o.default;
    }
    return v as T;
  }

  string(key: string, o: Opt<string> & { maxLength?: number; nonEmpty?: boolean } = {}) {
    return this.get<string>(key, o, (v) => {
      if (typeof v !== 'string') return 'Input should be a valid string';
      if (o.nonEmpty && !v.trim()) return 'String should have at least 1 character';
      if (o.maxLength && v.length > o.maxLength) return `String should have at most ${o.maxLength} characters`;
      return null;
    }, 'string_type');
  }

  uuid(key: string, o: Opt<string> = {}) {
    return this.get<string>(key, o, (v) => (isUuid(v) ? null : 'Input should be a valid UUID'), 'uuid_parsing');
  }

  boolean(key: string, o: Opt<boolean> = {}) {
    return this.get<boolean>(key, o, (v) => (typeof v === 'boolean' ? null : 'Input should be a valid boolean'), 'bool_type');
  }

  object(key: string, o: Opt<Record<string, unknown>> = {}) {
    return this.get<Record<string, unknown>>(key, o, (v) => (isObject(v) ? null : 'Input should be a valid dictionary'), 'dict_type');
  }

  stringArray(key: string, o: Opt<string[]> = {}) {
    return this.get<string[]>(key, o, (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? null : 'Input should be a valid list of strings'), 'list_type');
  }

  enum<T extends string>(key: string, values: readonly T[], o: Opt<T> = {}) {
    return this.get<T>(key, o, (v) => (values.includes(v as T) ? null : `Input should be ${values.map((x) => `'${x}'`).join(' or ')}`), 'enum');
  }

  add(field: string | null, message: string, error_code: string) {
    this.errors.push({ field, message, error_code });
  }

  done() {
    if (this.errors.length) throw unprocessable(this.errors);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `{id}`-like path parameter that must be a UUID (FastAPI answers 422 `uuid_parsing`). */
export function uuidParam(c: Context, name = 'id'): string {
  const v = c.req.param(name);
  if (!isUuid(v)) throw unprocessable([{ field: name, message: 'Input should be a valid UUID', error_code: 'uuid_parsing' }]);
  return v.toLowerCase();
}

export type TagsMode = 'all' | 'any';

/** Repeated `?tags=a&tags=b` + `tags_mode`. */
export function tagQuery(c: Context, defaultMode: TagsMode): { tags: string[]; mode: TagsMode } {
  const tags = (c.req.queries('tags') ?? []).flatMap((t) => (t === '' ? [] : [t]));
  const mode = c.req.query('tags_mode') ?? defaultMode;
  if (mode !== 'all' && mode !== 'any') throw unprocessable([{ field: 'tags_mode', message: "Input should be 'all' or 'any'", error_code: 'enum' }]);
  return { tags, mode };
}

/** `any`: at least one of `wanted`; `all`: every one of `wanted`; empty `wanted`: no filter. */
export function tagsMatch(have: readonly string[], wanted: readonly string[], mode: TagsMode): boolean {
  if (!wanted.length) return true;
  return mode === 'all' ? wanted.every((t) => have.includes(t)) : wanted.some((t) => have.includes(t));
}

/** The public origin of this request (`http://host:port`), as the client addressed it. */
export function requestOrigin(c: Context): string {
  const url = new URL(c.req.url);
  return url.origin;
}
