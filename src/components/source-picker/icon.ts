/**
 * The `src` to show for a template icon, or `undefined` when there is nothing safe to show.
 * Accepts http(s), protocol-relative and relative URLs and `data:image/…`; an inline SVG document (some
 * backends send the markup itself) becomes a `data:image/svg+xml` URL, so it is rendered by `<img>`
 * (no scripts, no access to the page) and never inserted as HTML. Any other scheme is refused.
 */
export function iconSrc(icon: unknown): string | undefined {
  if (typeof icon !== 'string') return undefined;
  const s = icon.trim();
  if (!s) return undefined;
  if (/^(<\?xml|<svg)[\s>]/i.test(s)) return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`;
  if (/^data:/i.test(s)) return /^data:image\/[a-z0-9.+-]+[;,]/i.test(s) ? s : undefined;
  if (/^https?:\/\//i.test(s) || s.startsWith('//')) return s;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.includes('<')) return undefined;
  return s;
}

/** One or two letters standing in for a missing or broken icon: "Google Sheets" → "GS", "Postgres" → "Po". */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return '?';
  if (words.length === 1) {
    const w = [...words[0]!];
    return (w[0]!.toUpperCase() + (w[1] ?? '')).slice(0, 3);
  }
  return [...words[0]!][0]!.toUpperCase() + [...words[1]!][0]!.toUpperCase();
}
