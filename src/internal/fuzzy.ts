/**
 * A small typo-tolerant matcher for short names (connector templates, streams). Pure, no DOM.
 *
 * `createIndex(names)` folds every name once (lower case, diacritics removed, same length as the
 * original so match ranges map back 1:1) and records its word starts. `fuzzySearch(index, query)`
 * splits the query into terms; every term must match the name, in this order of preference:
 * prefix of the name › prefix of a word › substring › substring ignoring spaces and punctuation ›
 * initials ("gsc" → Google Search Console) › a word prefix within a bounded edit distance
 * (optimal string alignment: "postgrs" → Postgres, "hubsot" → HubSpot, "gogle" → Google).
 * Results are ranked by score, then by shorter name, then by input order, and carry the matched
 * ranges (`[start, end, start, end, …]`, sorted and merged) for highlighting.
 */

export interface FuzzyIndex {
  /** Folded names. */
  readonly keys: readonly string[];
  /** `starts[i][p] === 1` when position `p` of name `i` starts a word. */
  readonly starts: readonly Uint8Array[];
  /** Names without separators, and for each of their positions the position in the name. */
  readonly compact: readonly string[];
  readonly compactMap: readonly Uint16Array[];
  /** Bit `c - 97` set when letter `c` (a–z) occurs in the name; bit 26 for digits, 27 for anything else. */
  readonly masks: Int32Array;
}

export interface FuzzyMatch {
  /** Index of the name in the list given to `createIndex`. */
  index: number;
  score: number;
  /** Flat `[start, end, …]` pairs (end exclusive), sorted and merged. Empty for an empty query. */
  ranges: number[];
}

const MARKS = /[\u0300-\u036f]/g;
const ALNUM = /[\p{L}\p{N}]/u;

function isWordChar(c: string): boolean {
  const n = c.charCodeAt(0);
  if (n < 128) return (n >= 48 && n <= 57) || (n >= 97 && n <= 122) || (n >= 65 && n <= 90);
  return ALNUM.test(c);
}

function maskOf(key: string): number {
  let m = 0;
  for (let i = 0; i < key.length; i++) {
    const n = key.charCodeAt(i);
    m |= n >= 97 && n <= 122 ? 1 << (n - 97) : n >= 48 && n <= 57 ? 1 << 26 : 1 << 27;
  }
  return m;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Lower-cases and strips diacritics, keeping one code unit per code unit of the input. */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c.charCodeAt(0) < 128) {
      out += c.toLowerCase();
      continue;
    }
    const f = c.toLowerCase().normalize('NFD').replace(MARKS, '');
    out += f.length === 1 ? f : c;
  }
  return out;
}

export function createIndex(names: readonly string[]): FuzzyIndex {
  const keys: string[] = [];
  const starts: Uint8Array[] = [];
  const compact: string[] = [];
  const compactMap: Uint16Array[] = [];
  const masks = new Int32Array(names.length);
  for (const name of names) {
    const s = String(name ?? '');
    const key = fold(s);
    const st = new Uint8Array(key.length);
    const map = new Uint16Array(key.length);
    let c = '';
    let prevWord = false;
    let prevLower = false;
    let prevDigit = false;
    for (let i = 0; i < key.length; i++) {
      const ch = s[i]!;
      const word = isWordChar(ch);
      const digit = ch >= '0' && ch <= '9';
      const upper = ch !== key[i];
      if (word) {
        if (!prevWord || (upper && prevLower) || digit !== prevDigit) st[i] = 1;
        map[c.length] = i;
        c += key[i];
      }
      prevWord = word;
      prevLower = word && !upper && !digit;
      prevDigit = digit;
    }
    masks[keys.length] = maskOf(key);
    keys.push(key);
    starts.push(st);
    compact.push(c);
    compactMap.push(map.subarray(0, c.length));
  }
  return { keys, starts, compact, compactMap, masks };
}

// Reused DP rows of the edit-distance stage (terms are capped at 32 characters).
const MAX_TERM = 32;
const rowA = new Int32Array(MAX_TERM * 2 + 2);
const rowB = new Int32Array(MAX_TERM * 2 + 2);
const rowC = new Int32Array(MAX_TERM * 2 + 2);

/**
 * Smallest optimal-string-alignment distance between `t` and a prefix of `k.slice(s)`, if ≤ `max`.
 * Returns `distance * 256 + prefixLength`, or -1.
 */
function prefixDistance(t: string, k: string, s: number, max: number): number {
  const m = t.length;
  const n = Math.min(k.length - s, m + max);
  if (n < m - max) return -1;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ti = t.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const kj = k.charCodeAt(s + j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ti === kj ? 0 : 1));
      if (i > 1 && j > 1 && ti === k.charCodeAt(s + j - 2) && t.charCodeAt(i - 2) === kj) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return -1;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  let best = -1;
  let bestJ = 0;
  for (let j = 0; j <= n; j++) {
    const d = prev[j]!;
    // On a tie prefer the longer prefix: the user more likely left a letter out than typed one too many.
    if (d <= max && (best < 0 || d <= best)) {
      best = d;
      bestJ = j;
    }
  }
  return best < 0 ? -1 : best * 256 + bestJ;
}

function isSubsequence(t: string, k: string, from: number, to: number): boolean {
  let i = 0;
  for (let j = from; j < to && i < t.length; j++) if (k.charCodeAt(j) === t.charCodeAt(i)) i++;
  return i === t.length;
}

/** Scores one term against name `i`; pushes its ranges onto `out`. Returns 0 when it does not match. */
interface Term {
  t: string;
  /** The term without separators. */
  c: string;
  mask: number;
}

function matchTerm(ix: FuzzyIndex, i: number, term: Term, out: number[]): number {
  // Each distinct letter of the term missing from the name costs at least one edit.
  const missing = bitCount(term.mask & ~ix.masks[i]!);
  if (missing > 2) return 0;
  const { t, c: ct } = term;
  const k = ix.keys[i]!;
  const st = ix.starts[i]!;
  const m = t.length;
  if (!missing) {
    let p = k.indexOf(t);
    if (p === 0) {
      out.push(0, m);
      return m === k.length ? 120 : 100;
    }
    if (p > 0) {
      const first = p;
      while (p >= 0 && !st[p]) p = k.indexOf(t, p + 1);
      if (p >= 0) {
        out.push(p, p + m);
        return 80;
      }
      out.push(first, first + m);
      return 60 - Math.min(first, 10);
    }
    if (ct.length > 1) {
      const q = ix.compact[i]!.indexOf(ct);
      if (q >= 0) {
        const map = ix.compactMap[i]!;
        for (let j = q; j < q + ct.length; j++) out.push(map[j]!, map[j]! + 1);
        return q === 0 ? 55 : 50;
      }
    }
    if (m >= 2 && m <= 8) {
      // Initials: each letter starts a word, in order.
      let j = 0;
      const marks: number[] = [];
      for (let q = 0; q < k.length && j < m; q++) {
        if (st[q] && k.charCodeAt(q) === t.charCodeAt(j)) {
          marks.push(q, q + 1);
          j++;
        }
      }
      if (j === m) {
        out.push(...marks);
        return 45;
      }
    }
  }
  if (m < 3 || m > MAX_TERM) return 0;
  const max = m < 6 ? 1 : 2;
  if (missing > max) return 0;
  let best = -1;
  let bestS = 0;
  for (let s = 0; s < k.length; s++) {
    if (!st[s]) continue;
    const r = prefixDistance(t, k, s, max);
    if (r >= 0 && (best < 0 || r >> 8 < best >> 8)) {
      best = r;
      bestS = s;
    }
  }
  if (best < 0) return 0;
  const d = best >> 8;
  const len = best & 255;
  out.push(bestS, bestS + len);
  return 30 - 8 * d + (isSubsequence(t, k, bestS, bestS + len) ? 5 : 0) - (bestS > 0 ? 2 : 0);
}

function mergeRanges(r: number[]): number[] {
  if (r.length <= 2) return r;
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const n = out.length;
    if (n && s <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, e);
    else out.push(s, e);
  }
  return out;
}

/**
 * Ranks the names of `index` against `query`. An empty query returns every name in input order.
 * `subset` (indices into the index) limits the search to those names.
 */
export function fuzzySearch(index: FuzzyIndex, query: string, subset?: readonly number[]): FuzzyMatch[] {
  const q = fold(query).trim();
  const all = subset ?? index.keys.map((_, i) => i);
  if (!q) return all.map((i) => ({ index: i, score: 0, ranges: [] }));
  const terms = [...new Set(q.split(/\s+/))].slice(0, 8);
  const parsed: Term[] = terms.map((t) => ({ t, c: t.replace(/[^\p{L}\p{N}]+/gu, ''), mask: maskOf(t) & ~(1 << 27) }));
  const out: FuzzyMatch[] = [];
  for (const i of all) {
    let score = 0;
    const ranges: number[] = [];
    for (const term of parsed) {
      const s = matchTerm(index, i, term, ranges);
      if (!s) {
        score = 0;
        break;
      }
      score += s;
    }
    if (!score) continue;
    if (terms.length > 1 && index.keys[i] === q) score += 50;
    out.push({ index: i, score, ranges: mergeRanges(ranges) });
  }
  const keys = index.keys;
  out.sort((a, b) => b.score - a.score || keys[a.index]!.length - keys[b.index]!.length || a.index - b.index);
  return out;
}
