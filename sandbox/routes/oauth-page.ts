// HTML of the sandbox's stand-in OAuth consent screen. Every dynamic value goes through `esc`; the
// page has no script and one hashed style block, under a strict Content-Security-Policy.
import { createHash } from 'node:crypto';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #c9ced6;border-radius:8px}
h1{font-size:1.3rem;margin:0 0 .5rem}
.note{color:#57606a;font-size:.9rem}
dt{font-weight:600}dd{margin:0 0 .5rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{font:inherit;padding:.5rem 1.25rem;border-radius:4px;border:1px solid #4b3fd1;cursor:pointer}
button[value=approve]{background:#4b3fd1;color:#fff}
button[value=deny]{background:#fff;color:#4b3fd1}
button:focus-visible{outline:2px solid #1b1f24;outline-offset:2px}
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const csp = (formTarget?: string) =>
  [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    // A form submission's redirect is checked against form-action too: allow the caller's origin.
    `form-action 'self'${formTarget ? ` ${formTarget}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;

export interface ConsentPageData {
  connector: string;
  workspace: string;
  access: string[];
  input: string[];
  reauth: string | null;
  /** Origin the browser goes back to (http(s) only, already parsed). */
  returnTo: string;
  state: string;
}

/** The consent screen: who asks, for what, and two buttons named Approve and Deny (a real form POST). */
export function consentPage(d: ConsentPageData): { body: string; csp: string } {
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  const body = `<h1>Sign in to ${esc(d.connector)}</h1>
<p class="note">Airbyte sandbox: this page stands in for ${esc(d.connector)}'s own consent screen.</p>
<dl>
<dt>Connector</dt><dd>${esc(d.connector)}</dd>
<dt>Workspace</dt><dd>${esc(d.workspace)}</dd>
${d.reauth ? `<dt>Re-authenticating source</dt><dd>${esc(d.reauth)}</dd>` : ''}
${d.input.length ? `<dt>Account details you entered</dt><dd>${list(d.input)}</dd>` : ''}
<dt>Requested access</dt><dd>${list(d.access)}</dd>
</dl>
<p>After you answer, you go back to <strong>${esc(d.returnTo)}</strong>.</p>
<form method="post" action="/oauth/consent">
<input type="hidden" name="state" value="${esc(d.state)}">
<div class="actions">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`;
  return { body: page(`Sign in to ${d.connector}`, body), csp: csp(d.returnTo) };
}

/** A plain message page (invalid or expired link, answered twice, …). */
export function messagePage(title: string, message: string): { body: string; csp: string } {
  return { body: page(title, `<h1>${esc(title)}</h1>\n<p>${esc(message)}</p>`), csp: csp() };
}
