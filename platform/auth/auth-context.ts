/**
 * Roles a user may hold, spelled as the API's `Role` enum writes them, in tokens, events and read
 * models alike. PLATFORM_ADMIN reaches every tenant; the others act inside their own tenant:
 * TENANT_ADMIN runs it, ANALYST and DEVELOPER work with problems and algorithms, AUDITOR reads the
 * audit trail and compliance, VIEWER only reads. MODERATOR reviews marketplace listings and
 * moderates the community's shared content; inside its own tenant it reads as a VIEWER does. Each
 * operation's roles are listed in its subgraph's permission table.
 */
export const ROLES = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER', 'AUDITOR', 'VIEWER', 'MODERATOR'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that act on every tenant's shared content, and so are held only by users of the operators'
 * tenant (PLATFORM_OPERATOR_TENANT): only a platform-admin grants them there, and neither a tenant
 * admin nor a tenant's identity-provider mapping can give them.
 */
export const OPERATOR_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'MODERATOR'];

export function isOperatorRole(role: Role): boolean {
  return OPERATOR_ROLES.includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A role as a person types it (a CLI flag, a JSON file) or as a token minted before roles took
 * the API's spelling carries it: `TENANT_ADMIN` in any case, or the former `tenant-admin`.
 */
export function roleNamed(text: string): Role | undefined {
  const name = text.trim().toUpperCase().replace(/-/g, '_');
  return isRole(name) ? name : undefined;
}

/** Who is calling, as proven by a verified platform token. Never built from unverified input. */
export interface AuthContext {
  readonly subject: string;
  /** Never empty. */
  readonly roles: readonly Role[];
  /** The tenant the caller belongs to; absent for platform administrators. */
  readonly tenantId?: string;
  readonly tokenId: string;
  /** The session the token belongs to; development tokens have none and cannot be revoked. */
  readonly sessionId?: string;
  /** The `kid` of the key that signed the token, so a remembered token is refused once that key retires. */
  readonly keyId?: string;
  /** How the session was established: `development` tokens come from `npm run token`. */
  readonly authMethod: string;
}

/** Platform administrators reach every tenant; everyone else only their own. */
export function canAccessTenant(auth: AuthContext, tenantId: string): boolean {
  return hasRole(auth, 'PLATFORM_ADMIN') || auth.tenantId === tenantId;
}

export function hasRole(auth: AuthContext, role: Role): boolean {
  return auth.roles.includes(role);
}
