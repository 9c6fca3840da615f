// Build-only Vite plugin: minifies the static text of Lit `css`…`` and `html`…`` templates in our own
// modules (after the TS transform). CSS loses comments and layout whitespace; HTML whitespace that
// contains a line break (source indentation) collapses to one space, which renders identically.
// A template that cannot be parsed is left untouched.
import type { Plugin } from 'vite';

/** Finds the end of a template literal starting after its opening backtick; returns static chunk ranges. */
function scanTemplate(code: string, start: number): { chunks: [number, number][]; end: number } | null {
  const chunks: [number, number][] = [];
  let i = start;
  let chunkStart = start;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      chunks.push([chunkStart, i]);
      return { chunks, end: i };
    }
    if (c === '$' && code[i + 1] === '{') {
      chunks.push([chunkStart, i]);
      const after = skipExpression(code, i + 2);
      if (after < 0) return null;
      i = after;
      chunkStart = i;
      continue;
    }
    i++;
  }
  return null;
}

/** Skips a `${ … }` expression (strings, nested templates, braces); returns the index after `}`. */
function skipExpression(code: string, i: number): number {
  let depth = 1;
  while (i < code.length) {
    const c = code[i];
    if (c === "'" || c === '"') {
      i++;
      while (i < code.length && code[i] !== c) i += code[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '`') {
      const t = scanTemplate(code, i + 1);
      if (!t) return -1;
      i = t.end + 1;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

export const minifyCss = (s: string) =>
  s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/([^\s]):\s+/g, '$1:')
    .replace(/;}/g, '}');

export const minifyHtml = (s: string) => s.replace(/\s*\n\s*/g, ' ');

export function minifyTemplates(code: string): string {
  const edits: [number, number, string][] = [];
  const re = /\b(css|html|svg)`/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const t = scanTemplate(code, m.index + m[0].length);
    if (!t) continue;
    const fn = m[1] === 'css' ? minifyCss : minifyHtml;
    for (const [a, b] of t.chunks) {
      const text = code.slice(a, b);
      const min = fn(text);
      if (min !== text) edits.push([a, b, min]);
    }
  }
  edits.sort((x, y) => y[0] - x[0]);
  for (const [a, b, text] of edits) code = code.slice(0, a) + text + code.slice(b);
  return code;
}

export const minifyTemplatesPlugin = (): Plugin => ({
  name: 'minify-lit-templates',
  apply: 'build',
  transform(code, id) {
    if (id.includes('/node_modules/') || !/\/src\/.*\.ts$/.test(id.split('?')[0])) return null;
    return { code: minifyTemplates(code), map: null };
  },
});
