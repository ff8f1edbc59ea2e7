import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../../../platform/auth/auth-context';
import { NodesConnection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum RoleName {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  TENANT_ADMIN = 'TENANT_ADMIN',
  ANALYST = 'ANALYST',
  DEVELOPER = 'DEVELOPER',
  AUDITOR = 'AUDITOR',
  VIEWER = 'VIEWER',
  MODERATOR = 'MODERATOR',
}
registerEnumType(RoleName, { name: 'Role', description: 'What a user may do; each operation lists the roles that may call it.' });

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID)
  providerId!: string;

  @Field(() => String, { description: "The user's id at the provider: SAML NameID, OIDC sub, LDAP DN." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  email?: string;

  @Field(() => String, { nullable: true })
  displayName?: string;

  @Field(() => [RoleName], { description: "What the user's next session gets: provider roles and granted roles." })
  roles!: Role[];

  @Field(() => [RoleName], { description: "From the provider's role mapping at the latest sign-in." })
  providerRoles!: Role[];

  @Field(() => [RoleName], { description: 'Granted by a tenant admin.' })
  grantedRoles!: Role[];

  @Field(() => DateTimeScalar)
  registeredAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSignInAt?: string;
}

@ObjectType()
export class UserConnection extends NodesConnection(User) {}
