import { SamlStatusError } from '@node-saml/node-saml';
import { IdentityVerificationError } from '../verified-identity';
import { samlRefusal } from './saml-refusals';

/**
 * node-saml refuses with plain Errors whose messages are its only distinction. The structural and
 * signature checks before it catch the attacks with their own codes; this maps what is left, and
 * anything unrecognised becomes the generic SAML_ASSERTION_INVALID with the troubleshooting remedy.
 */
export function classifyNodeSamlError(error: unknown, expectedAudience: string): IdentityVerificationError {
  if (error instanceof IdentityVerificationError) return error;
  if (error instanceof SamlStatusError) return samlRefusal.statusNotSuccess(error.message.replace(/^.*returned /, '').slice(0, 120));
  const message = error instanceof Error ? error.message : '';
  const rules: [RegExp, () => IdentityVerificationError][] = [
    [/audience/i, () => samlRefusal.audienceMismatch(expectedAudience)],
    [/not yet valid/i, samlRefusal.notYetValid],
    [/expired/i, samlRefusal.expired],
    [
      /multiple assertions|too many signatures|refer to more than one|does not refer to it's parent|cannot obtain assertion|same value for the ID/i,
      () => samlRefusal.signatureWrapping('the signed element is not the one that would be read'),
    ],
    [/invalid (document )?signature|signature value .* is incorrect/i, samlRefusal.signatureInvalid],
    [
      /not a valid xml|missing saml assertion|unknown saml|non-whitespace|unclosed|unexpected|invalid character/i,
      () => samlRefusal.malformed('node-saml could not read it'),
    ],
  ];
  return rules.find(([pattern]) => pattern.test(message))?.[1]() ?? samlRefusal.invalid();
}
