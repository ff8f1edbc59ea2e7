import { X509Certificate } from 'node:crypto';
import type { SamlProviderSettings } from './saml-provider-settings';

export interface SamlConfigProblem {
  /** The settings field at fault, e.g. `ssoUrl` or `signingCertificates[1]`. */
  readonly field: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

export interface SamlCertificateSummary {
  readonly subject: string;
  /** ISO-8601. */
  readonly notAfter: string;
  /** Colon-separated hex, as IdP consoles show it. */
  readonly fingerprintSha256: string;
}

export interface SamlConfigReport {
  readonly valid: boolean;
  readonly problems: readonly SamlConfigProblem[];
  readonly certificates: readonly SamlCertificateSummary[];
}

const EXPIRY_WARNING_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The troubleshooting check behind SAML_ASSERTION_INVALID's remedy: what in a provider's settings
 * would make sign-ins fail now or soon. A certificate expiring within 30 days is a problem only
 * while no other configured certificate outlives that window (during a rollover it is expected).
 */
export function validateSamlConfig(settings: SamlProviderSettings, now: Date): SamlConfigReport {
  const problems: SamlConfigProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!settings.idpEntityId.trim())
    problem('idpEntityId', 'The identity provider entity id is empty: copy it from the IdP metadata (entityID).');
  if (!settings.spEntityId.trim())
    problem('spEntityId', "Goliath's SP entity id is empty: set it to the Audience the IdP is configured with.");
  checkUrl('ssoUrl', settings.ssoUrl, 'the IdP single sign-on URL', problem);
  checkUrl('acsUrl', settings.acsUrl, "Goliath's assertion consumer service URL", problem);
  if (!Number.isFinite(settings.clockSkewMs) || settings.clockSkewMs < 0 || settings.clockSkewMs > MAX_CLOCK_SKEW_MS) {
    problem(
      'clockSkewMs',
      `The clock skew must be between 0 and ${MAX_CLOCK_SKEW_MS} ms: synchronise the clocks (NTP) rather than widen it.`,
    );
  }

  const parsed = settings.signingCertificates.map((pem, index) => {
    try {
      return { index, certificate: new X509Certificate(pem) };
    } catch {
      problem(
        `signingCertificates[${index}]`,
        'This is not a PEM X.509 certificate: paste the IdP signing certificate including its BEGIN/END lines.',
      );
      return undefined;
    }
  });
  const certificates = parsed.filter((entry) => entry !== undefined);
  if (settings.signingCertificates.length === 0) {
    problem('signingCertificates', "No signing certificate is configured: add the IdP's signing certificate from its metadata.");
  }
  const notAfter = (certificate: X509Certificate) => new Date(certificate.validTo).getTime();
  const successorExists = certificates.some(({ certificate }) => notAfter(certificate) - now.getTime() > EXPIRY_WARNING_MS);
  for (const { index, certificate } of certificates) {
    const field = `signingCertificates[${index}]`;
    const remaining = notAfter(certificate) - now.getTime();
    if (remaining <= 0) {
      problem(
        field,
        `This certificate expired on ${new Date(notAfter(certificate)).toISOString()}: replace it with the IdP's current signing certificate.`,
      );
    } else if (remaining <= EXPIRY_WARNING_MS && !successorExists) {
      problem(
        field,
        `This certificate expires on ${new Date(notAfter(certificate)).toISOString()}: add the IdP's next signing certificate now, so sign-ins keep working through the rollover.`,
      );
    }
  }

  return {
    valid: problems.length === 0,
    problems,
    certificates: certificates.map(({ certificate }) => ({
      subject: certificate.subject.replace(/\n/g, ', '),
      notAfter: new Date(notAfter(certificate)).toISOString(),
      fingerprintSha256: certificate.fingerprint256,
    })),
  };
}

function checkUrl(field: string, value: string, what: string, problem: (field: string, message: string) => void): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problem(field, `${capitalise(what)} is not an absolute URL: copy it from the IdP metadata.`);
    return;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return;
  problem(field, `${capitalise(what)} must use https (http only on a loopback address): assertions must not travel in clear text.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
