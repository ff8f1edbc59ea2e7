import { SamlStatusError } from '@node-saml/node-saml';
import { ErrorCode } from '../../../../platform/errors';
import { classifyNodeSamlError } from './classify-node-saml-error';

describe('classifyNodeSamlError', () => {
  it.each([
    ['SAML assertion audience mismatch. Expected: a Received: b', ErrorCode.SamlAudienceMismatch],
    ['SAML assertion has no AudienceRestriction', ErrorCode.SamlAudienceMismatch],
    ['SAML assertion not yet valid', ErrorCode.SamlAssertionNotYetValid],
    ['SAML assertion expired: clocks skewed too much', ErrorCode.SamlAssertionExpired],
    ['Invalid signature: multiple assertions', ErrorCode.SamlSignatureWrapping],
    ["Invalid signature: Referenced node does not refer to it's parent element", ErrorCode.SamlSignatureWrapping],
    ['Invalid signature', ErrorCode.SamlSignatureInvalid],
    ['Invalid document signature', ErrorCode.SamlSignatureInvalid],
    ['Missing SAML assertion', ErrorCode.SamlResponseMalformed],
    ['something node-saml says one day', ErrorCode.SamlAssertionInvalid],
  ])('maps node-saml\'s "%s" to %s', (message, code) => {
    expect(classifyNodeSamlError(new Error(message), 'https://sp.test').code).toBe(code);
  });

  it('maps a status error to SAML_STATUS_NOT_SUCCESS, and a non-Error to the generic code', () => {
    const status = new SamlStatusError('SAML provider returned Responder error: AuthnFailed', '<Status/>');
    expect(classifyNodeSamlError(status, 'https://sp.test').code).toBe(ErrorCode.SamlStatusNotSuccess);
    expect(classifyNodeSamlError('boom', 'https://sp.test').code).toBe(ErrorCode.SamlAssertionInvalid);
  });
});
