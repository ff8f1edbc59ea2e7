import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { platformError, ErrorCode } from '../errors';
import type { Role } from './auth-context';
import { issuePlatformToken } from './platform-token';
import { loadOrCreateSigningKeys } from './signing-keys';

export interface DevelopmentTokenRequest {
  readonly role: Role;
  readonly tenantId?: string;
  readonly keysDir: string;
  readonly subject?: string;
}

/**
 * A token for development and tests, signed with the platform key. Refused in production:
 * there, sessions come from the identity providers only.
 */
export async function issueDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  const config = loadConfig();
  if (config.production) {
    throw platformError(ErrorCode.DevelopmentTokenRefused, 'Development tokens are refused when NODE_ENV=production; sign in through an identity provider.');
  }
  if (request.role !== 'platform-admin' && !request.tenantId) {
    throw new Error(`A ${request.role} token needs a tenant: pass --tenant ID.`);
  }
  const keys = await loadOrCreateSigningKeys(request.keysDir);
  return issuePlatformToken(
    keys,
    { issuer: config.tokenIssuer, audience: config.tokenAudience, ttlSeconds: config.tokenTtlSeconds },
    { subject: request.subject ?? `dev-${randomUUID()}`, roles: [request.role], tenantId: request.tenantId, authMethod: 'development' },
  );
}
