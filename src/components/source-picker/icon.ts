/**
 * The `src` to show for a template icon, or `undefined` when there is nothing safe to show.
 * Accepts http(s), protocol-relative and relative URLs and `data:image/…`; an inline SVG document (some
 * backends send the markup itself) becomes a `data:image/svg+xml` URL, so it is rendered by `<img>`
 * (no scripts, no access to the page) and never inserted as HTML. Any other scheme is refused.
 */
export function iconSrc(icon: unknown): string | undefined {
  const s = typeof icon === 'string' ? icon.trim() : '';
  if (/^(<\?xml|<svg)[\s>]/i.test(s)) return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`;
  // http(s), protocol-relative and data:image URLs; else a relative URL (no other scheme, no markup).
  return /^(https?:\/\/|\/\/|data:image\/[a-z0-9.+-]+[;,])/i.test(s) || (s && !/^[a-z][a-z0-9+.-]*:|</i.test(s)) ? s : undefined;
}

/** One or two letters standing in for a missing or broken icon: "Google Sheets" → "GS", "Postgres" → "Po". */
export function initials(name: string): string {
  const [first, second] = (name.match(/[\p{L}\p{N}]+/gu) ?? ['?']).map((word) => [...word]);
  return second ? (first![0]! + second[0]).toUpperCase() : first![0]!.toUpperCase() + (first![1] ?? '');
}
