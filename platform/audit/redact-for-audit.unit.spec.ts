import { canonicalJson } from './canonical-json';
import { isSecretKey, REDACTED, redactForAudit } from './redact-for-audit';

describe('redactForAudit', () => {
  it('replaces every secret-looking value at any depth and keeps the rest', () => {
    // Given sign-in and identity-provider arguments full of secrets
    const args = {
      input: {
        tenantId: 't1',
        username: 'grace',
        password: 'hunter2',
        samlResponse: 'PHNhbWw+',
        idToken: 'eyJ...',
        refresh_token: 'r-1',
        provider: { clientId: 'goliath', clientSecret: 's3cret', bindPassword: 'bind', privateKey: '-----BEGIN', settings: [{ apiKey: 'k', url: 'https://idp' }] },
      },
      assertion: 'x',
      'Access-Token': 'y',
    };
    // When redacted
    const details = redactForAudit(args);
    // Then no secret survives, and the harmless fields are kept as they were
    expect(details).toEqual({
      input: {
        tenantId: 't1',
        username: 'grace',
        password: REDACTED,
        samlResponse: REDACTED,
        idToken: REDACTED,
        refresh_token: REDACTED,
        provider: { clientId: 'goliath', clientSecret: REDACTED, bindPassword: REDACTED, privateKey: REDACTED, settings: [{ apiKey: REDACTED, url: 'https://idp' }] },
      },
      assertion: REDACTED,
      'Access-Token': REDACTED,
    });
    expect(JSON.stringify(details)).not.toMatch(/hunter2|s3cret|PHNhbWw|eyJ|BEGIN|"bind"/);
  });

  it('recognises secret keys whatever their case or separators, and leaves ordinary keys alone', () => {
    for (const key of ['password', 'newPassword', 'client_secret', 'ClientSecret', 'token', 'refreshToken', 'SAMLResponse', 'private-key', 'credentials']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['username', 'tenantId', 'name', 'problemId', 'qubo', 'footprint', 'reason']) {
      expect(isSecretKey(key)).toBe(false);
    }
  });

  it('cuts long strings, long arrays, wide objects and deep nesting', () => {
    // Given a QUBO-sized argument
    const args = {
      name: 'x'.repeat(1000),
      quadratic: Array.from({ length: 100_000 }, (_unused, index) => ({ i: index, j: index + 1, value: 1 })),
      wide: Object.fromEntries(Array.from({ length: 80 }, (_unused, index) => [`k${index}`, index])),
      deep: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } },
    };
    // When redacted with the default limits
    const details = redactForAudit(args) as Record<string, any>;
    // Then each part is bounded and says how much was left out
    expect(details.name).toHaveLength(256 + '…[744 more characters]'.length);
    expect(details.quadratic).toHaveLength(21);
    expect(details.quadratic[20]).toBe('[99980 more items]');
    expect(Object.keys(details.wide)).toHaveLength(51);
    expect(details.wide['[more keys]']).toBe(30);
    expect(details.deep.a.b.c.d.e).toBe('[nested too deep]');
    expect(canonicalJson(details).length).toBeLessThan(10_000);
  });

  it('gives plain JSON the canonical encoding accepts', () => {
    // Given values GraphQL hands resolvers: class instances, dates, undefined, null-prototype objects
    class Input {
      constructor(readonly name: string, readonly when: Date, readonly note?: string) {}
    }
    const bare = Object.assign(Object.create(null) as object, { size: 2 });
    const details = redactForAudit({ input: new Input('n', new Date('2026-01-01T00:00:00Z')), bare, missing: undefined, nothing: null, list: [undefined, 1] });
    // Then the copy encodes, with dates as ISO strings and undefined dropped
    expect(details).toEqual({ input: { name: 'n', when: '2026-01-01T00:00:00.000Z' }, bare: { size: 2 }, nothing: null, list: [null, 1] });
    expect(() => canonicalJson(details)).not.toThrow();
  });
});
