import { ErrorCode } from '../../platform/errors';
import { authenticateWithLdap } from '../../subgraphs/enterprise/identity/ldap/authenticate-with-ldap';
import { IdentityVerificationError } from '../../subgraphs/enterprise/identity/verified-identity';
import { SERVICE_PASSWORD, startSlapd, userDn, type TestSlapd } from '../support/slapd';
import { freePort } from '../support/spawned-process';

jest.setTimeout(30_000);

/** Sign-in against a real OpenLDAP slapd seeded with the users and groups of test/support/slapd.ts. */
describe('LDAP sign-in against slapd', () => {
  let directory: TestSlapd;

  beforeAll(async () => {
    directory = await startSlapd();
  });
  afterAll(() => directory.stop());

  const signIn = (username: string, password: string, settings = directory.settings()) =>
    authenticateWithLdap(settings, SERVICE_PASSWORD, username, password);

  const refusal = (username: string, password: string, settings = directory.settings()) =>
    signIn(username, password, settings).then(
      (identity) => {
        throw new Error(`signed in as ${identity.externalId}`);
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(IdentityVerificationError);
        const { code, message } = error as IdentityVerificationError;
        return { code, message };
      },
    );

  it('signs a user in with the right password and maps their groups', async () => {
    const identity = await signIn('alice', 'alice-password');

    expect(identity).toMatchObject({
      externalId: userDn('alice'),
      displayName: 'Alice Analyst',
      email: 'alice@goliath.test',
      attributes: { uid: ['alice'] },
    });
    expect([...identity.groups].sort()).toEqual(['analysts', 'viewers']);
    expect(identity.attributes).not.toHaveProperty('userPassword');
  });

  it('signs in a user without groups, and one whose name is not ASCII', async () => {
    await expect(signIn('bob', 'bob-password')).resolves.toMatchObject({ externalId: userDn('bob'), groups: [] });
    await expect(signIn('josé', 'josé-password')).resolves.toMatchObject({ displayName: 'José Núñez', groups: ['viewers'] });
  });

  it('matches a name containing filter syntax only literally', async () => {
    await expect(signIn('o*(brien)', 'obrien-password')).resolves.toMatchObject({ externalId: userDn('o*(brien)') });
    expect(await refusal('o*', 'obrien-password')).toMatchObject({ code: ErrorCode.InvalidCredentials });
  });

  it('refuses a wrong password and an unknown user with the same code and message', async () => {
    const wrongPassword = await refusal('alice', 'not-her-password');
    const unknownUser = await refusal('mallory', 'alice-password');

    expect(wrongPassword.code).toBe(ErrorCode.InvalidCredentials);
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('refuses an empty password before any bind (an unauthenticated bind would succeed)', async () => {
    const nowhere = { ...directory.settings(), url: `ldap://127.0.0.1:${await freePort()}` };

    expect(await refusal('alice', '')).toMatchObject({ code: ErrorCode.InvalidCredentials });
    // Refused without even connecting: with no directory listening the answer is still the user's fault.
    expect(await refusal('alice', '', nowhere)).toMatchObject({ code: ErrorCode.InvalidCredentials });
  });

  it.each([
    ['*'],
    ['a*'],
    ['adm*'],
    ['*)(uid=admin'],
    ['admin)(uid=*'],
    ['*)(|(uid=*'],
    ['admin)(|(objectClass=*'],
    ['admin\0'],
    ['ad\\2a'],
    ['alice)(mail=*'],
  ])('refuses the injection attempt %j without matching anyone', async (username) => {
    for (const password of ['admin-password', 'alice-password']) {
      expect(await refusal(username, password)).toMatchObject({ code: ErrorCode.InvalidCredentials });
    }
  });

  it('refuses a name that matches more than one entry', async () => {
    const settings = { ...directory.settings(), searchFilter: '(&(objectClass=inetOrgPerson)(|(uid={username})(uid=bob)))' };

    expect(await refusal('alice', 'alice-password', settings)).toMatchObject({ code: ErrorCode.InvalidCredentials });
  });

  it('reports a directory that does not answer as IDENTITY_PROVIDER_UNAVAILABLE', async () => {
    const stopped = await startSlapd();
    const settings = stopped.settings();
    await stopped.stop();

    const { code, message } = await refusal('alice', 'alice-password', settings);

    expect(code).toBe(ErrorCode.IdentityProviderUnavailable);
    expect(message).toMatch(/provider URL/);
  });

  it('reports a port where nothing listens as IDENTITY_PROVIDER_UNAVAILABLE', async () => {
    const settings = { ...directory.settings(), url: `ldap://127.0.0.1:${await freePort()}` };

    expect(await refusal('alice', 'alice-password', settings)).toMatchObject({ code: ErrorCode.IdentityProviderUnavailable });
  });

  it('reports a refused service account as IDENTITY_PROVIDER_UNAVAILABLE, not as the user’s fault', async () => {
    const refused = await authenticateWithLdap(directory.settings(), 'wrong-service-secret', 'alice', 'alice-password').catch(
      (error: IdentityVerificationError) => error,
    );

    expect(refused).toMatchObject({ code: ErrorCode.IdentityProviderUnavailable, message: expect.stringMatching(/bind DN/) });
  });
});

describe('LDAP sign-in over TLS against slapd', () => {
  let directory: TestSlapd;

  beforeAll(async () => {
    directory = await startSlapd({ tls: true });
  });
  afterAll(() => directory.stop());

  it('signs in over StartTLS and over ldaps:// when the certificate is trusted', async () => {
    const trusted = { ...directory.settings(), tlsCaCertificate: directory.tlsCaCertificate! };

    await expect(
      authenticateWithLdap({ ...trusted, startTls: true }, SERVICE_PASSWORD, 'alice', 'alice-password'),
    ).resolves.toMatchObject({
      externalId: userDn('alice'),
    });
    await expect(
      authenticateWithLdap({ ...trusted, url: directory.ldapsUrl! }, SERVICE_PASSWORD, 'alice', 'alice-password'),
    ).resolves.toMatchObject({ externalId: userDn('alice') });
  });

  it('refuses to send any password to a directory whose certificate it does not trust', async () => {
    for (const untrusted of [
      { ...directory.settings(), startTls: true },
      { ...directory.settings(), url: directory.ldapsUrl! },
    ]) {
      const error = await authenticateWithLdap(untrusted, SERVICE_PASSWORD, 'alice', 'alice-password').catch(
        (thrown: unknown) => thrown,
      );

      expect(error).toMatchObject({ code: ErrorCode.IdentityProviderUnavailable });
    }
  });
});
