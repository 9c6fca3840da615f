/**
 * A small typo-tolerant matcher for short names (connector templates). Pure, no DOM.
 *
 * `createIndex(names)` folds every name once (lower case, diacritics removed, same length as the
 * original so match ranges map back 1:1) and records its word starts. `fuzzySearch(index, query)`
 * splits the query into terms; every term must match the name, in this order of preference:
 * prefix of the name › prefix of a word › substring › initials ("gsc" → Google Search Console) ›
 * a word prefix within a bounded edit distance (optimal string alignment: "postgrs" → Postgres,
 * "hubsot" → HubSpot, "gogle" → Google, "googlesheets" → Google Sheets).
 * Results are ranked by score, then by shorter name, then by input order, and carry the matched
 * ranges (`[start, end, start, end, …]`, sorted and merged) for highlighting.
 */

/** One indexed name: folded, and `starts[p] === 1` where a word starts. */
export interface FuzzyEntry {
  key: string;
  starts: Uint8Array;
}

export type FuzzyIndex = FuzzyEntry[];

export interface FuzzyMatch {
  /** Index of the name in the list given to `createIndex`. */
  index: number;
  score: number;
  /** Flat `[start, end, …]` pairs (end exclusive), sorted and merged. Empty for an empty query. */
  ranges: number[];
}

const MARKS = /[\u0300-\u036f]/g;
/** Terms longer than this only match exactly. */
const MAX_TERM = 32;

/** Lower-cases and strips diacritics, keeping one code unit per code unit of the input. */
export function fold(s: string): string {
  let out = '';
  for (const c of s.split('')) {
    const f = c < '\x80' ? c.toLowerCase() : c.toLowerCase().normalize('NFD').replace(MARKS, '');
    out += f.length === 1 ? f : c;
  }
  return out;
}

export function createIndex(names: readonly string[]): FuzzyIndex {
  return names.map((name) => {
    const key = fold(name);
    const starts = new Uint8Array(key.length);
    // Kind of each character: 0 separator, 1 lower-case letter, 2 other letter, 3 digit.
    let prev = 0;
    for (let i = 0; i < key.length; i++) {
      const ch = name[i]!;
      const kind = /[\p{L}\p{N}]/u.test(ch) ? (ch >= '0' && ch <= '9' ? 3 : ch !== key[i] ? 2 : 1) : 0;
      // A word starts after a separator, at a camelCase hump and where letters and digits meet.
      if (kind && (!prev || (kind === 2 && prev === 1) || (kind === 3) !== (prev === 3))) starts[i] = 1;
      prev = kind;
    }
    return { key, starts };
  });
}

// Reused DP rows of the edit-distance stage.
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
  for (let j = 0; j <= n; j++) {
    // On a tie prefer the longer prefix: the user more likely left a letter out than typed one too many.
    if (prev[j]! <= max && (best < 0 || prev[j]! <= best >> 8)) best = prev[j]! * 256 + j;
  }
  return best;
}

/** Scores term `t` against an entry; pushes its ranges onto `out`. 0 = no match. */
function matchTerm({ key: k, starts }: FuzzyEntry, t: string, out: number[]): number {
  const m = t.length;
  const p = k.indexOf(t);
  if (p >= 0) {
    let w = p;
    while (w >= 0 && !starts[w]) w = k.indexOf(t, w + 1);
    const at = !p || w < 0 ? p : w;
    out.push(at, at + m);
    return !p ? (m === k.length ? 120 : 100) : w < 0 ? 60 - Math.min(p, 10) : 80;
  }
  if (m > 1 && m < 9) {
    // Initials: each letter starts a word, in order.
    const marks: number[] = [];
    for (let q = 0; q < k.length && marks.length < 2 * m; q++) if (starts[q] && k[q] === t[marks.length / 2]) marks.push(q, q + 1);
    if (marks.length === 2 * m) {
      out.push(...marks);
      return 45;
    }
  }
  if (m < 3 || m > MAX_TERM) return 0;
  let best = -1;
  let s = 0;
  for (let q = 0; q < k.length; q++) {
    const r = starts[q] ? prefixDistance(t, k, q, m < 6 ? 1 : 2) : -1;
    if (r >= 0 && (best < 0 || r >> 8 < best >> 8)) {
      best = r;
      s = q;
    }
  }
  if (best < 0) return 0;
  const e = s + (best & 255);
  out.push(s, e);
  // Bonus when the term's letters appear in order (a letter left out rather than a wrong one).
  let j = 0;
  for (let q = s; q < e; q++) if (k[q] === t[j]) j++;
  return 30 - 8 * (best >> 8) + (j >= m ? 5 : 0) - (s ? 2 : 0);
}

/**
 * Ranks the names of `index` against `query`. An empty query returns every name in input order.
 * `subset` (indices into the index) limits the search to those names.
 */
export function fuzzySearch(index: FuzzyIndex, query: string, subset?: readonly number[]): FuzzyMatch[] {
  const q = fold(query).trim();
  const all = subset ?? index.map((_, i) => i);
  if (!q) return all.map((i) => ({ index: i, score: 0, ranges: [] }));
  const terms = [...new Set(q.split(/\s+/))].slice(0, 8);
  const out: FuzzyMatch[] = [];
  for (const i of all) {
    const entry = index[i]!;
    const r: number[] = [];
    let score = terms.length > 1 && entry.key === q ? 50 : 0;
    for (const t of terms) {
      const s = matchTerm(entry, t, r);
      score = s && score + s;
      if (!s) break;
    }
    if (!score) continue;
    // Sorted, merged ranges: mark the matched positions, then read the runs.
    const hit = new Uint8Array(entry.key.length + 1);
    for (let j = 0; j < r.length; j += 2) hit.fill(1, r[j], r[j + 1]);
    const ranges: number[] = [];
    for (let p = 0; p < hit.length; p++) if (hit[p] !== (p ? hit[p - 1] : 0)) ranges.push(p);
    out.push({ index: i, score, ranges });
  }
  // Array#sort is stable: equal scores and lengths keep the order of `all`.
  return out.sort((a, b) => b.score - a.score || index[a.index]!.key.length - index[b.index]!.key.length);
}
