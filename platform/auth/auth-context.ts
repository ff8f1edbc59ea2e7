/**
 * Roles a user may hold. platform-admin reaches every tenant; the others act inside their own
 * tenant: tenant-admin runs it, analyst and developer work with problems and algorithms, auditor
 * reads the audit trail and compliance, viewer only reads. Each operation's roles are listed in
 * its subgraph's permission table.
 */
export const ROLES = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
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
  return hasRole(auth, 'platform-admin') || auth.tenantId === tenantId;
}

export function hasRole(auth: AuthContext, role: Role): boolean {
  return auth.roles.includes(role);
}
