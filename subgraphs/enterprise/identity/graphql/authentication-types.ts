import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Role } from '../../../../platform/auth/auth-context';
import { NodesConnection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { AuthType } from './identity-provider-types';
import { RoleName } from './user-types';

@InputType({ description: "The seed's authenticate_user credentials: exactly the fields of the chosen authType." })
export class AuthenticateInput {
  @Field(() => AuthType, { nullable: true, description: 'Defaults to ENTERPRISE_SSO_PROVIDER.' })
  authType?: AuthType;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String, { nullable: true, description: 'SAML: the base64 SAMLResponse the IdP posted.' })
  assertion?: string;

  @Field(() => String, { nullable: true, description: 'OIDC: the id token.' })
  idToken?: string;

  @Field(() => String, { nullable: true, description: 'OIDC: the nonce the client sent in its authorization request.' })
  nonce?: string;

  @Field(() => String, { nullable: true })
  username?: string;

  @Field(() => String, { nullable: true })
  password?: string;

  @Field(() => String, { nullable: true, description: 'Picks the provider when the tenant has several of this type: SAML IdP entity id, OIDC issuer, LDAP URL.' })
  issuer?: string;
}

@ObjectType({ description: "The seed's AuthenticationResult: a session with a short-lived access token and a rotating refresh token." })
export class AuthenticationResult {
  @Field(() => Boolean)
  isAuthenticated!: boolean;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  sessionId!: string;

  @Field(() => [RoleName])
  roles!: Role[];

  @Field(() => String, { description: 'Send as "Authorization: Bearer <accessToken>".' })
  accessToken!: string;

  @Field(() => String, { description: 'Spend once with refreshSession; a reused refresh token ends the session.' })
  refreshToken!: string;

  @Field(() => DateTimeScalar, { description: 'When the access token expires.' })
  expiresAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the session ends, refreshed or not.' })
  sessionExpiresAt!: string;
}

@ObjectType()
export class Session {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => [RoleName])
  roles!: Role[];

  @Field(() => String)
  authMethod!: string;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  lastRefreshedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt?: string;

  @Field(() => String, { nullable: true, description: 'logout, revoked or refresh-token-reused.' })
  revocationReason?: string;
}

@ObjectType()
export class SessionConnection extends NodesConnection(Session) {}
