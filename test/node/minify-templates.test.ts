import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyTemplates } from '../../tools/minify-templates.ts';

test('CSS templates lose comments and layout whitespace but keep descendant combinators', () => {
  const out = minifyTemplates('x = css`\n  :host {\n    display: block; /* note */\n  }\n  a > b:hover  :focus { color: red; }\n`;');
  assert.equal(out, 'x = css` :host{display:block}a>b:hover :focus{color:red}`;');
});

test('HTML templates collapse indentation only; expressions, strings and nested templates survive', () => {
  const src = "h = html`\n  <div class=${x ? 'a  b' : `q\n r`}>\n    ${y.map((i) => html`<li>\n  ${i}\n</li>`)}\n  </div>\n`;";
  const out = minifyTemplates(src);
  assert.equal(out, "h = html` <div class=${x ? 'a  b' : `q\n r`}> ${y.map((i) => html`<li> ${i} </li>`)} </div> `;");
});

test('an unterminated template is left untouched', () => {
  const src = 'h = html`<p>\n  ${a';
  assert.equal(minifyTemplates(src), src);
});
