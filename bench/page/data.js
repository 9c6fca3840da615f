// Generated, deterministic bench data that runs in the page (too big to ship through the driver).

/** Small deterministic PRNG (mulberry32), so every run and every contender gets the same data. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['account', 'customer', 'invoice', 'order', 'payment', 'product', 'subscription', 'ticket', 'user', 'event', 'campaign', 'contact', 'deal', 'lead', 'refund', 'charge', 'shipment', 'review', 'session', 'message'];
const FIELD_NAMES = ['name', 'email', 'status', 'amount', 'currency', 'description', 'country', 'city', 'phone', 'created_by', 'owner_id', 'parent_id', 'quantity', 'price', 'discount', 'tax', 'notes', 'source', 'channel', 'score', 'is_active', 'is_deleted', 'tags', 'metadata', 'address', 'locale', 'timezone', 'version', 'url', 'external_id'];
/** Field schemas, each built fresh (no shared objects between streams, as a parsed API answer has none). */
const TYPES = [
  () => ({ type: ['null', 'string'] }),
  () => ({ type: ['null', 'integer'] }),
  () => ({ type: ['null', 'number'] }),
  () => ({ type: ['null', 'boolean'] }),
  () => ({ type: ['null', 'string'], format: 'date-time' }),
  () => ({ type: ['null', 'string'], format: 'date' }),
  () => ({ type: ['null', 'array'], items: { type: ['null', 'string'] } }),
  () => ({ type: ['null', 'object'], properties: { line1: { type: ['null', 'string'] }, postal_code: { type: ['null', 'string'] } } }),
];

/**
 * A catalog of `streams` Airbyte streams with `fields` top-level fields each (id, updated_at and 28 others;
 * a few of them nested objects or arrays), in the shape `GET .../catalog/query` answers.
 */
export function catalog(streams = 10000, fields = 30) {
  const r = rng(42);
  const out = [];
  for (let i = 0; i < streams; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const properties = {
      id: { type: 'string', description: `Unique identifier of the ${noun}.` },
      updated_at: { type: ['null', 'string'], format: 'date-time', description: 'When it last changed.' },
    };
    for (let f = 2; f < fields; f++) {
      const name = f - 2 < FIELD_NAMES.length ? FIELD_NAMES[f - 2] : `field_${f}`;
      properties[name] = TYPES[Math.floor(r() * TYPES.length)]();
    }
    const incremental = r() < 0.7;
    out.push({
      name: `${noun}_${String(i).padStart(5, '0')}`,
      namespace: `schema_${i % 7}`,
      json_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties },
      supported_sync_modes: incremental ? ['full_refresh', 'incremental'] : ['full_refresh'],
      source_defined_cursor: incremental && r() < 0.5,
      default_cursor_field: incremental ? ['updated_at'] : [],
      source_defined_primary_key: r() < 0.8 ? [['id']] : [],
    });
  }
  return { streams: out };
}
