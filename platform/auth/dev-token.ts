import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { platformError, ErrorCode } from '../errors';
import type { Role } from './auth-context';
import { createPlatformTokenIssuer } from './token-issuer';

export interface DevelopmentTokenRequest {
  readonly role: Role;
  readonly tenantId?: string;
  readonly keysDir: string;
  readonly subject?: string;
  /** The token's lifetime; TOKEN_TTL_SECONDS when absent. */
  readonly ttlSeconds?: number;
  /** The environment to read the configuration from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/** How a development token says what it is; a production server refuses it (app/token-verifier.ts). */
export const DEVELOPMENT_AUTH_METHOD = 'development';

/**
 * A token for development and tests, signed with the platform's current key. It carries no
 * session (`sid`), so it cannot be revoked: it lives until it expires. Refused in production:
 * there, sessions come from the identity providers only.
 */
export async function issueDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  const config = loadConfig(request.env);
  if (config.production) {
    throw platformError(ErrorCode.DevelopmentTokenRefused, 'Development tokens are refused when NODE_ENV=production; sign in through an identity provider.');
  }
  if (request.role !== 'PLATFORM_ADMIN' && !request.tenantId) {
    throw new Error(`A ${request.role} token needs a tenant: pass --tenant ID.`);
  }
  const issue = await createPlatformTokenIssuer({ ...config, keysDir: request.keysDir, tokenTtlSeconds: request.ttlSeconds ?? config.tokenTtlSeconds });
  return issue({ subject: request.subject ?? `dev-${randomUUID()}`, roles: [request.role], tenantId: request.tenantId, authMethod: DEVELOPMENT_AUTH_METHOD });
}
