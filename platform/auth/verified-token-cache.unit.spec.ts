import { generateKeyPair } from 'jose';
import type { AuthContext } from './auth-context';
import { issuePlatformToken, verifyPlatformToken } from './platform-token';
import type { TokenSigner, VerificationKeys } from './signing-key-ring';
import { rememberVerifiedTokens } from './verified-token-cache';

describe('rememberVerifiedTokens', () => {
  const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 60 };
  let keys: TokenSigner & VerificationKeys;
  let token: string;
  let issuedAt: number;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    keys = { signingKey: async () => ({ privateKey, kid: 'test' }), verificationKey: async () => publicKey };
    issuedAt = Date.now();
    token = await issuePlatformToken(keys, settings, { subject: 'dev-1', roles: ['PLATFORM_ADMIN'], authMethod: 'development' });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  /** The real verifier, counting its calls. */
  function setup() {
    let calls = 0;
    const verify = async (candidate: string): Promise<AuthContext> => {
      calls++;
      return verifyPlatformToken(keys, settings, candidate);
    };
    return { remembered: rememberVerifiedTokens(verify, 2), calls: () => calls };
  }

  it('verifies a token once and answers the same caller after that', async () => {
    // given a verified token, when it comes again, then the verifier is not called again
    const { remembered, calls } = setup();
    const first = await remembered(token);
    const second = await remembered(token);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ subject: 'dev-1', roles: ['PLATFORM_ADMIN'] });
    expect(calls()).toBe(1);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('hands an expired token back to the verifier, which refuses it as before', async () => {
    // given a remembered token, when its exp is reached, then the verifier decides again
    const { remembered, calls } = setup();
    await remembered(token);
    jest.useFakeTimers({ now: issuedAt + (settings.ttlSeconds + 2) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await expect(remembered(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(calls()).toBe(2);
  });

  it('never remembers a refusal', async () => {
    // given a token with a tampered signature, when it comes twice, then it is refused twice by the verifier
    const { remembered, calls } = setup();
    const tampered = `${token.slice(0, -4)}AAAA`;
    await expect(remembered(tampered)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(remembered(tampered)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(calls()).toBe(2);
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const { remembered, calls } = setup();
    const others = await Promise.all(
      ['dev-2', 'dev-3'].map((subject) => issuePlatformToken(keys, settings, { subject, roles: ['PLATFORM_ADMIN'], authMethod: 'development' })),
    );
    // given three tokens verified in turn with room for two
    await remembered(token);
    await remembered(others[0]);
    await remembered(others[1]);
    expect(calls()).toBe(3);
    // then the two newest are remembered and the oldest is verified again
    await remembered(others[1]);
    await remembered(others[0]);
    expect(calls()).toBe(3);
    await remembered(token);
    expect(calls()).toBe(4);
  });
});
