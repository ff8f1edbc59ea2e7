import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../../../platform/auth/auth-context';
import { NodesConnection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { RoleName } from '../../identity/graphql/user-types';

export enum ServiceAccountStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(ServiceAccountStatus, { name: 'ServiceAccountStatus', description: 'A REVOKED account exchanges no more tokens; its name stays taken.' });

@ObjectType({ description: "A tenant's non-human caller (a pipeline, a scheduler): OAuth 2.0 client credentials for short-lived platform tokens." })
export class ServiceAccount {
  @Field(() => ID, { description: 'Also the OAuth 2.0 client_id.' })
  id!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => String, { description: 'Its tokens act, and are audited, as service-account:<name>.' })
  name!: string;
  @Field(() => [RoleName])
  roles!: Role[];
  @Field(() => ServiceAccountStatus)
  status!: ServiceAccountStatus;
  @Field(() => String)
  createdBy!: string;
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => DateTimeScalar, { description: 'When the current secret was issued (creation or last rotation).' })
  secretIssuedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The last token exchange.' })
  lastUsedAt?: string;
  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt?: string;
  @Field(() => String, { nullable: true })
  revokedBy?: string;
}

@ObjectType()
export class ServiceAccountConnection extends NodesConnection(ServiceAccount) {}

@ObjectType({ description: 'The only time a secret is shown: store it in your pipeline\u2019s secret store now.' })
export class ServiceAccountCredentials {
  @Field(() => ServiceAccount)
  serviceAccount!: ServiceAccount;
  @Field(() => String, { description: 'The OAuth 2.0 client_id (the account id).' })
  clientId!: string;
  @Field(() => String, { description: 'Shown once; Goliath keeps only its hash. Rotating replaces it at once.' })
  clientSecret!: string;
  @Field(() => String, { description: 'Where to exchange the credentials: POST grant_type=client_credentials (RFC 6749 §4.4).' })
  tokenUrl!: string;
}

@ObjectType({ description: 'An access token for a service account (OAuth 2.0 client credentials).' })
export class ServiceAccountToken {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <accessToken>".' })
  accessToken!: string;
  @Field(() => String, { description: 'Always Bearer.' })
  tokenType!: string;
  @Field(() => Int, { description: 'Seconds until the token expires; exchange the credentials again then.' })
  expiresIn!: number;
  @Field(() => DateTimeScalar)
  expiresAt!: string;
  @Field(() => [RoleName])
  roles!: Role[];
  @Field(() => ID)
  tenantId!: string;
}
