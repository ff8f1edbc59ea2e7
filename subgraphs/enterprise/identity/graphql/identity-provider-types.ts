import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../../../platform/auth/auth-context';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { RoleName } from './user-types';

export enum AuthType {
  SAML = 'SAML',
  OIDC = 'OIDC',
  LDAP = 'LDAP',
}
registerEnumType(AuthType, { name: 'AuthType', description: 'How a user signs in: SAML 2.0, OpenID Connect / OAuth 2.0, or LDAP.' });

@ObjectType()
export class RoleMapping {
  @Field(() => String)
  group!: string;

  @Field(() => RoleName)
  role!: Role;
}

@ObjectType()
export class SamlSettings {
  @Field(() => String)
  idpEntityId!: string;

  @Field(() => String)
  ssoUrl!: string;

  @Field(() => [String])
  signingCertificates!: string[];

  @Field(() => String)
  spEntityId!: string;

  @Field(() => String, { description: 'Where the IdP posts responses.' })
  acsUrl!: string;

  @Field(() => String, { description: "Goliath's SP metadata for this provider's tenant." })
  metadataUrl!: string;

  @Field(() => String, { nullable: true })
  groupsAttribute?: string;
}

@ObjectType()
export class OidcSettings {
  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { nullable: true })
  audience?: string;

  @Field(() => String, { nullable: true })
  jwksUri?: string;

  @Field(() => String, { nullable: true })
  groupsClaim?: string;
}

@ObjectType({ description: 'LDAP settings; the bind password is never shown.' })
export class LdapSettings {
  @Field(() => String)
  url!: string;

  @Field(() => String)
  bindDn!: string;

  @Field(() => Boolean)
  bindPasswordSet!: boolean;

  @Field(() => String)
  searchBase!: string;

  @Field(() => String)
  searchFilter!: string;

  @Field(() => String, { nullable: true })
  groupSearchBase?: string;

  @Field(() => String, { nullable: true })
  groupFilter?: string;

  @Field(() => Boolean)
  startTls!: boolean;
}

@ObjectType({ description: "A tenant's SAML, OIDC or LDAP identity provider." })
export class IdentityProvider {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AuthType)
  type!: AuthType;

  @Field(() => SamlSettings, { nullable: true })
  saml?: SamlSettings;

  @Field(() => OidcSettings, { nullable: true })
  oidc?: OidcSettings;

  @Field(() => LdapSettings, { nullable: true })
  ldap?: LdapSettings;

  @Field(() => [RoleMapping])
  roleMappings!: RoleMapping[];

  @Field(() => [RoleName])
  defaultRoles!: Role[];

  @Field(() => DateTimeScalar)
  configuredAt!: string;
}

@ObjectType()
export class SamlConfigProblem {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class SamlCertificateInfo {
  @Field(() => String)
  subject!: string;

  @Field(() => DateTimeScalar)
  notAfter!: string;

  @Field(() => String)
  fingerprintSha256!: string;
}

@ObjectType({ description: "The seed's validate_saml_config: what to fix before SAML sign-in can work." })
export class SamlConfigValidation {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [SamlConfigProblem])
  problems!: SamlConfigProblem[];

  @Field(() => [SamlCertificateInfo])
  certificates!: SamlCertificateInfo[];
}

@InputType()
export class RoleMappingInput {
  @Field(() => String, { description: 'A group (SAML attribute value, OIDC groups claim entry, LDAP group cn).' })
  group!: string;

  @Field(() => RoleName)
  role!: Role;
}

@InputType()
export class SamlSettingsInput {
  @Field(() => String, { description: "The IdP's entity id (the Issuer of its responses)." })
  idpEntityId!: string;

  @Field(() => String, { description: "The IdP's single sign-on URL (HTTP-Redirect binding)." })
  ssoUrl!: string;

  @Field(() => [String], { nullable: true, description: 'PEM signing certificates; give two during a rollover. Empty: the one at SAML_CERT_PATH.' })
  signingCertificates?: string[];

  @Field(() => String, { nullable: true, description: "Goliath's entity id at the IdP (the audience); defaults to the metadata URL." })
  spEntityId?: string;

  @Field(() => String, { nullable: true, description: 'Where the IdP posts responses; defaults to PUBLIC_URL/auth/saml/<tenant>/acs.' })
  acsUrl?: string;

  @Field(() => String, { nullable: true, description: 'The attribute holding group names; defaults to "groups".' })
  groupsAttribute?: string;
}

@InputType()
export class OidcSettingsInput {
  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'Expected `aud`; defaults to clientId.' })
  audience?: string;

  @Field(() => String, { nullable: true, description: "Defaults to the jwks_uri of the issuer's discovery document." })
  jwksUri?: string;

  @Field(() => String, { nullable: true, description: 'The claim holding group names; defaults to "groups".' })
  groupsClaim?: string;
}

@InputType()
export class LdapSettingsInput {
  @Field(() => String, { description: 'ldap://host:port or ldaps://host:port' })
  url!: string;

  @Field(() => String, { description: 'The service account that searches for users.' })
  bindDn!: string;

  @Field(() => String, { nullable: true, description: 'Stored encrypted outside the event log; required when the provider is first configured.' })
  bindPassword?: string;

  @Field(() => String)
  searchBase!: string;

  @Field(() => String, { description: 'With {username}, e.g. (uid={username}); the value is escaped.' })
  searchFilter!: string;

  @Field(() => String, { nullable: true })
  groupSearchBase?: string;

  @Field(() => String, { nullable: true, description: 'With {dn}; defaults to (&(objectClass=groupOfNames)(member={dn})).' })
  groupFilter?: string;

  @Field(() => Boolean, { nullable: true, description: 'Upgrade ldap:// with StartTLS; defaults to false.' })
  startTls?: boolean;
}

@InputType()
export class ConfigureIdentityProviderInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID, { nullable: true, description: 'Omit to add a provider; give to reconfigure one.' })
  providerId?: string;

  @Field(() => String)
  name!: string;

  @Field(() => AuthType)
  type!: AuthType;

  @Field(() => SamlSettingsInput, { nullable: true })
  saml?: SamlSettingsInput;

  @Field(() => OidcSettingsInput, { nullable: true })
  oidc?: OidcSettingsInput;

  @Field(() => LdapSettingsInput, { nullable: true })
  ldap?: LdapSettingsInput;

  @Field(() => [RoleMappingInput], { nullable: true })
  roleMappings?: RoleMappingInput[];

  @Field(() => [RoleName], { nullable: true, description: 'Roles every user of this provider gets.' })
  defaultRoles?: Role[];
}
