/** Roles of the platform token. The enterprise issue adds the remaining roles on top of these. */
export const ROLES = ['platform-admin', 'tenant-admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as proven by a verified platform token. Never built from unverified input. */
export interface AuthContext {
  readonly subject: string;
  readonly role: Role;
  /** The tenant the caller belongs to; absent for platform administrators. */
  readonly tenantId?: string;
  readonly tokenId: string;
  /** How the session was established: `development` tokens come from `npm run token`. */
  readonly authMethod: string;
}

/** Platform administrators reach every tenant; everyone else only their own. */
export function canAccessTenant(auth: AuthContext, tenantId: string): boolean {
  return auth.role === 'platform-admin' || auth.tenantId === tenantId;
}
