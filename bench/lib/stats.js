export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Rounds a time to 3 significant decimals (µs) and a ratio to 2 decimals. */
export const roundMs = (x) => (x == null ? x : Math.round(x * 1000) / 1000);
export const roundRatio = (x) => (x == null ? x : Math.round(x * 100) / 100);
