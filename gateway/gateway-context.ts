import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../platform/auth/auth-context';
import { bearerToken } from '../platform/auth/platform-token';

/** Per-request context at the gateway: the verified caller and the raw token to forward. */
export interface GatewayContext {
  readonly auth?: AuthContext;
  readonly authError?: GraphQLError;
  readonly token?: string;
  readonly correlationId: string;
  readonly clientAddress?: string;
}

export type TokenVerifier = (token: string) => Promise<AuthContext>;

/**
 * Verifies the bearer token once at the edge. A bad token does not fail here: the error is
 * kept and raised when the operation is known, so introspection-only operations from tools
 * still work while everything else is refused.
 */
export async function gatewayContext(
  verifyToken: TokenVerifier,
  authorization: string | undefined,
  correlationId: string | undefined,
  clientAddress?: string,
): Promise<GatewayContext> {
  const base = { correlationId: correlationId && correlationId.length <= 128 ? correlationId : randomUUID(), clientAddress };
  try {
    const token = bearerToken(authorization);
    return token ? { ...base, token, auth: await verifyToken(token) } : base;
  } catch (error) {
    if (error instanceof GraphQLError) return { ...base, authError: error };
    throw error;
  }
}
