import { X509Certificate } from 'node:crypto';
import { createSigningKey } from '../../../../test/support/saml-identity-provider';
import type { SamlProviderSettings } from './saml-provider-settings';
import { validateSamlConfig } from './validate-saml-config';

const now = new Date();
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60 * 1000);

let current: string;
let expired: string;
let expiringSoon: string;

beforeAll(async () => {
  const [a, b, c] = await Promise.all([
    createSigningKey({ commonName: 'current.idp.test', notBefore: days(-10), notAfter: days(365) }),
    createSigningKey({ commonName: 'expired.idp.test', notBefore: days(-400), notAfter: days(-1) }),
    createSigningKey({ commonName: 'soon.idp.test', notBefore: days(-300), notAfter: days(20) }),
  ]);
  [current, expired, expiringSoon] = [a.certificatePem, b.certificatePem, c.certificatePem];
});

const settings = (overrides: Partial<SamlProviderSettings> = {}): SamlProviderSettings => ({
  idpEntityId: 'https://idp.example.com/metadata',
  ssoUrl: 'https://idp.example.com/sso',
  signingCertificates: [current],
  spEntityId: 'https://goliath.example.com/saml',
  acsUrl: 'https://goliath.example.com/saml/acs',
  clockSkewMs: 60_000,
  ...overrides,
});

const fields = (report: ReturnType<typeof validateSamlConfig>) => report.problems.map((problem) => problem.field);

describe('validateSamlConfig', () => {
  it('accepts a complete configuration and describes its certificate', () => {
    const report = validateSamlConfig(settings(), now);
    expect(report).toMatchObject({ valid: true, problems: [] });
    expect(report.certificates).toEqual([
      {
        subject: 'CN=current.idp.test',
        notAfter: new Date(new X509Certificate(current).validTo).toISOString(),
        fingerprintSha256: new X509Certificate(current).fingerprint256,
      },
    ]);
  });

  it('flags an expired certificate', () => {
    const report = validateSamlConfig(settings({ signingCertificates: [current, expired] }), now);
    expect(report.valid).toBe(false);
    expect(fields(report)).toEqual(['signingCertificates[1]']);
    expect(report.problems[0]!.message).toMatch(/expired/);
  });

  it('flags a certificate expiring within 30 days when nothing succeeds it', () => {
    const report = validateSamlConfig(settings({ signingCertificates: [expiringSoon] }), now);
    expect(fields(report)).toEqual(['signingCertificates[0]']);
    expect(report.problems[0]!.message).toMatch(/expires on .*add the IdP's next signing certificate/);
  });

  it('accepts a certificate expiring soon during a rollover to a longer-lived one', () => {
    expect(validateSamlConfig(settings({ signingCertificates: [expiringSoon, current] }), now).valid).toBe(true);
  });

  it('flags an unparsable certificate and a missing one', () => {
    expect(fields(validateSamlConfig(settings({ signingCertificates: [current, 'not a certificate'] }), now))).toEqual([
      'signingCertificates[1]',
    ]);
    expect(fields(validateSamlConfig(settings({ signingCertificates: [] }), now))).toEqual(['signingCertificates']);
  });

  it('flags a non-https SSO URL, allowing http on loopback only', () => {
    expect(fields(validateSamlConfig(settings({ ssoUrl: 'http://idp.example.com/sso' }), now))).toEqual(['ssoUrl']);
    expect(fields(validateSamlConfig(settings({ ssoUrl: 'not a url' }), now))).toEqual(['ssoUrl']);
    expect(validateSamlConfig(settings({ ssoUrl: 'http://127.0.0.1:8080/sso' }), now).valid).toBe(true);
    expect(validateSamlConfig(settings({ ssoUrl: 'http://localhost/sso', acsUrl: 'http://[::1]:4000/acs' }), now).valid).toBe(true);
    expect(fields(validateSamlConfig(settings({ acsUrl: 'http://goliath.example.com/acs' }), now))).toEqual(['acsUrl']);
  });

  it('flags empty entity ids and an out-of-range clock skew', () => {
    const report = validateSamlConfig(settings({ idpEntityId: ' ', spEntityId: '', clockSkewMs: -1 }), now);
    expect(fields(report)).toEqual(['idpEntityId', 'spEntityId', 'clockSkewMs']);
    expect(report.problems.every((problem) => problem.message.includes(':'))).toBe(true);
  });
});
