import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, parseToken, tryParseToken } from '../../src/api/index.ts';
import { makeJwt, makeWidgetToken } from './api-test-server.ts';

describe('parseToken', () => {
  const jwt = makeJwt({ exp: 1_753_318_050, workspaceId: 'fba81218-3467-4588-a8d5-a8396cde6c03' });

  it('reads a bare scoped JWT: bearer, exp and the workspace claim', () => {
    const p = parseToken(jwt);
    assert.equal(p.kind, 'jwt');
    assert.equal(p.token, jwt);
    assert.equal(p.exp, 1_753_318_050);
    assert.equal(p.workspaceId, 'fba81218-3467-4588-a8d5-a8396cde6c03');
    assert.equal(p.widgetUrl, undefined);
  });

  it('reads a widget token in standard base64 with padding', () => {
    const w = makeWidgetToken(jwt);
    assert.match(w, /=$/, 'fixture has padding');
    const p = parseToken(w);
    assert.equal(p.kind, 'widget');
    assert.equal(p.token, jwt);
    assert.equal(p.exp, 1_753_318_050);
    assert.match(p.widgetUrl!, /^https:\/\/app\.airbyte\.ai\//);
    assert.equal(p.workspaceId, 'fba81218-3467-4588-a8d5-a8396cde6c03', 'the JWT claim wins over the URL');
  });

  it('reads a URL-safe base64 widget token without padding', () => {
    // Pick a payload whose base64 contains + or / so the URL-safe form really differs.
    let w = '';
    for (let i = 0; i < 50 && !/[-_]/.test(w); i++) w = makeWidgetToken(makeJwt({ sub: `s${i}?>~` }), `https://w.test/?workspaceId=w${i}&x=%3F%3F%3E`, true);
    assert.match(w, /[-_]/);
    assert.doesNotMatch(w, /=/);
    const p = parseToken(w);
    assert.equal(p.kind, 'widget');
    assert.ok(p.token.split('.').length === 3);
  });

  it('falls back to the workspaceId parameter of widgetUrl when the JWT has no workspace claim', () => {
    const p = parseToken(makeWidgetToken(makeJwt()));
    assert.equal(p.workspaceId, 'ws-from-url');
  });

  it('reads the docs example widget token (illustrative JWT inside)', () => {
    const docs =
      'eyJ0b2tlbiI6ImV5SmhiR2NpT2lKSVV6STFOaUlzSW5SNWNDSTZJa3BYVkNKOS4uLiIsIndpZGdldFVybCI6Imh0dHBzOi8vYXBwLmFpcmJ5dGUuYWkvcXVpY2stc3RhcnQvd2lkZ2V0P3dvcmtzcGFjZUlkPWExYjJjM2Q0LWU1ZjYtNzg5MC1hYjEyLWNkMzRlZjU2Nzg5MCZhbGxvd2VkT3JpZ2luPWh0dHBzOi8veW91cmFwcC5jb20ifQ==';
    const p = parseToken(docs);
    assert.equal(p.kind, 'widget');
    assert.equal(p.exp, undefined, 'the truncated example JWT has no readable claims');
    assert.equal(p.workspaceId, 'a1b2c3d4-e5f6-7890-ab12-cd34ef567890');
  });

  it('accepts a "Bearer " prefix and surrounding whitespace', () => {
    assert.equal(parseToken(`  Bearer ${jwt}\n`).token, jwt);
  });

  for (const [label, input] of [
    ['empty string', ''],
    ['whitespace', '   '],
    ['not base64', 'this is not a token!'],
    ['base64 of non-JSON', Buffer.from('hello world').toString('base64')],
    ['base64 JSON without token', Buffer.from(JSON.stringify({ widgetUrl: 'https://x' })).toString('base64')],
    ['three parts that are not a JWT', 'abc.def.ghi'],
    ['number', 42],
    ['null', null],
  ] as const) {
    it(`rejects garbage (${label}) with ApiError invalid_token and a clear message`, () => {
      assert.throws(
        () => parseToken(input),
        (e: unknown) => e instanceof ApiError && e.code === 'invalid_token' && /^Invalid token: /.test(e.message),
      );
      assert.ok(tryParseToken(input) instanceof ApiError);
    });
  }

  it('never echoes the token in the error message', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ'; // base64 of non-JSON
    const e = tryParseToken(secret) as ApiError;
    assert.ok(e instanceof ApiError);
    assert.ok(!e.message.includes(secret));
  });
});
