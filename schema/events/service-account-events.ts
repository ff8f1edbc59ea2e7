import type { DomainEvent } from '../../platform/commands/decider';
import type { Role } from '../../platform/auth/auth-context';

/**
 * Events of `serviceaccount-<id>` streams, owned by the enterprise subgraph: a tenant's non-human
 * caller (a pipeline, a scheduler) that exchanges OAuth 2.0 client credentials for short-lived
 * platform tokens. The secret itself is never stored: events carry its SHA-256 and the id of the
 * secret (`secretId`), which the tokens issued with it carry as their `sid`, so rotating or
 * revoking ends those tokens as revoking a session ends a user's.
 */
export const SERVICE_ACCOUNT_CATEGORY = 'serviceaccount';
export const serviceAccountStreamId = (serviceAccountId: string): string => `${SERVICE_ACCOUNT_CATEGORY}-${serviceAccountId}`;

export type ServiceAccountCreated = DomainEvent<
  'ServiceAccountCreated',
  {
    readonly serviceAccountId: string;
    readonly tenantId: string;
    readonly name: string;
    readonly roles: readonly Role[];
    readonly secretId: string;
    readonly secretHash: string;
    readonly createdBy: string;
    readonly createdAt: string;
  }
>;
/** A new secret replaces the previous one at once: the previous secret and its tokens stop working. */
export type ServiceAccountSecretRotated = DomainEvent<
  'ServiceAccountSecretRotated',
  {
    readonly serviceAccountId: string;
    readonly tenantId: string;
    readonly secretId: string;
    readonly secretHash: string;
    readonly previousSecretId: string;
    readonly rotatedBy: string;
    readonly rotatedAt: string;
  }
>;
export type ServiceAccountRevoked = DomainEvent<
  'ServiceAccountRevoked',
  { readonly serviceAccountId: string; readonly tenantId: string; readonly secretId: string; readonly revokedBy: string; readonly revokedAt: string }
>;
export type ServiceAccountEvent = ServiceAccountCreated | ServiceAccountSecretRotated | ServiceAccountRevoked;

/**
 * A token handed out for client credentials. Kept in the tenant's `authentication-<tenantId>`
 * stream beside refused sign-ins rather than in the account's stream, whose replay must not grow
 * with every use.
 */
export type ServiceAccountTokenIssued = DomainEvent<
  'ServiceAccountTokenIssued',
  {
    readonly serviceAccountId: string;
    readonly tenantId: string;
    readonly secretId: string;
    readonly roles: readonly Role[];
    readonly expiresAt: string;
    readonly clientAddress?: string;
    readonly issuedAt: string;
  }
>;

export const SERVICE_ACCOUNT_EVENT_VERSIONS: Readonly<Record<ServiceAccountEvent['type'] | ServiceAccountTokenIssued['type'], number>> = {
  ServiceAccountCreated: 1,
  ServiceAccountSecretRotated: 1,
  ServiceAccountRevoked: 1,
  ServiceAccountTokenIssued: 1,
};
