import { headersWithoutToken, headersWithToken, normaliseToken, PLAYGROUND_HEADERS_KEY, PLAYGROUND_PERSIST_HEADERS_KEY, tokenFromHeaders } from './playground-token';

// A JWT's shape: three base64url parts joined by dots.
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';

describe('the Playground token', () => {
  it("uses GraphiQL's own storage keys, so the Playground's persisted headers sign the dashboard in", () => {
    // @graphiql/toolkit's StorageAPI prefixes its keys with "graphiql:"; @graphiql/react's STORAGE_KEY names them.
    expect([PLAYGROUND_HEADERS_KEY, PLAYGROUND_PERSIST_HEADERS_KEY]).toEqual(['graphiql:headers', 'graphiql:shouldPersistHeaders']);
  });

  it('reads the bearer token from the Headers tab as GraphiQL stores it, in any header case', () => {
    expect(tokenFromHeaders(`{\n  "Authorization": "Bearer ${TOKEN}"\n}`)).toBe(TOKEN);
    expect(tokenFromHeaders(JSON.stringify({ authorization: `bearer ${TOKEN}`, 'X-Api-Version': '1' }))).toBe(TOKEN);
  });

  it.each([[null], [''], ['{"Authorization": "Bearer '], ['["Authorization"]'], ['{"X-Api-Version": "1"}'], ['{"Authorization": 42}'], ['{"Authorization": "Bearer two words"}']])(
    'finds no token in %j',
    (text) => {
      expect(tokenFromHeaders(text)).toBeNull();
    },
  );

  it('remembers a token beside the other headers, replacing the old one, and forgets only it', () => {
    const stored = JSON.stringify({ authorization: 'Bearer old', 'X-Api-Version': '1' });
    const remembered = headersWithToken(stored, TOKEN);
    expect(JSON.parse(remembered)).toEqual({ 'X-Api-Version': '1', Authorization: `Bearer ${TOKEN}` });
    expect(tokenFromHeaders(remembered)).toBe(TOKEN);
    expect(JSON.parse(headersWithoutToken(remembered)!)).toEqual({ 'X-Api-Version': '1' });
    expect(headersWithoutToken(headersWithToken(null, TOKEN))).toBeNull();
  });

  it('takes a pasted token with or without "Bearer", and refuses what cannot be one', () => {
    expect(normaliseToken(`  Bearer ${TOKEN}\n`)).toBe(TOKEN);
    expect(normaliseToken(TOKEN)).toBe(TOKEN);
    expect(normaliseToken('')).toBeNull();
    expect(normaliseToken('my password')).toBeNull();
    expect(normaliseToken('{"Authorization": "x"}')).toBeNull();
  });
});
