import { createHash, randomUUID } from 'node:crypto';

/** Namespace for the sandbox's name-derived ids (a fixed, arbitrary UUID). */
const NAMESPACE = 'b7d9b0c4-5f0e-4c1e-9a57-3e1f5c0b8a21';

/**
 * A deterministic UUID (RFC 4122 version 5: SHA-1 of namespace + name), so the same seed gives the
 * same ids on every start and on every machine.
 */
export function nameUuid(name: string): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const newId = (): string => randomUUID();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID_RE.test(s);
