import { decodeJwt } from 'jose';
import { ErrorCode } from '../../../../platform/errors';
import type { ReadStore } from '../../../../platform/readstore/port';
import type { IdentityProviderType } from '../../../../schema/events';
import { IDENTITY_PROVIDERS_COLLECTION, type IdentityProviderDocument } from '../../../../schema/read-models/identity';
import type { Credentials } from './sign-in-request';
import { IdentityVerificationError } from '../verified-identity';

export interface ProviderChoice {
  readonly tenantId: string;
  readonly type: IdentityProviderType;
  /** SAML IdP entity id, OIDC issuer or LDAP URL, when the caller or the credential names one. */
  readonly issuer?: string;
  readonly providerId?: string;
}

/**
 * The one provider of a tenant that a sign-in goes to: by id, else by issuer, else the only one of
 * its type. Refusals are IdentityVerificationErrors, so they are recorded like any failed sign-in.
 */
export async function findIdentityProvider(readStore: ReadStore, choice: ProviderChoice): Promise<IdentityProviderDocument> {
  const { tenantId, type, issuer, providerId } = choice;
  const page = await readStore.collection<IdentityProviderDocument>(IDENTITY_PROVIDERS_COLLECTION).find({ where: { tenantId, type }, first: 100 });
  const candidates = page.items.filter((provider) => (providerId ? provider.id === providerId : issuer ? issuerOf(provider) === issuer : true));
  if (candidates.length === 1) return candidates[0];
  // An issuer that matches nothing, with one provider of the type: that provider's verifier says what is wrong.
  if (candidates.length === 0 && issuer && !providerId && page.items.length === 1) return page.items[0];
  if (candidates.length === 0) {
    throw new IdentityVerificationError(
      ErrorCode.IdentityProviderNotConfigured,
      `Tenant ${tenantId} has no ${type} identity provider${issuer ? ` for issuer ${issuer}` : ''}; a tenant admin configures one with configureIdentityProvider.`,
    );
  }
  throw new IdentityVerificationError(ErrorCode.BadUserInput, `Tenant ${tenantId} has several ${type} identity providers; name one with issuer or providerId.`);
}

/**
 * Who issued the credential, read without verifying it, to pick among several providers of one
 * type: the `iss` of an id token, the first Issuer of a SAML response. It only chooses; the chosen
 * provider's verifier then checks everything. LDAP credentials name none.
 */
export function issuerHint(credentials: Credentials): string | undefined {
  try {
    if (credentials.type === 'OIDC') return decodeJwt(credentials.idToken).iss;
    if (credentials.type === 'SAML') return /<(?:\w+:)?Issuer\b[^>]*>\s*([^<\s]+)\s*</.exec(Buffer.from(credentials.samlResponse, 'base64').toString('utf8'))?.[1];
  } catch {
    // Not decodable: the verifier will say why.
  }
  return undefined;
}

function issuerOf(provider: IdentityProviderDocument): string | undefined {
  return provider.saml?.idpEntityId ?? provider.oidc?.issuer ?? provider.ldap?.url;
}
