import type { Role } from '../../auth/auth-context';

/** A root operation as `Query.tenant` or `Mutation.createProblem`. */
export type OperationName = `Query.${string}` | `Mutation.${string}`;
/** Work that no caller started (a background runner's), as `Service.runSolveJob`. */
export type ServiceOperationName = `Service.${string}`;

/**
 * Where an operation finds the tenant it acts on. Declared once per row, and read by the shield
 * (tenant scope), the compliance guard (whose rules apply) and the audit (whose trail records it).
 */
export type TenantDeclaration =
  /** An argument, as a dotted path: `tenantId`, `input.tenantId`, `id`. */
  | { readonly kind: 'argument'; readonly path: string }
  /** An argument naming an audit trail to read, which may also be the platform's (trail-readers.ts). */
  | { readonly kind: 'trail'; readonly path: string }
  /**
   * The `tenantId` of the read-model document whose id is the argument at `idPath` (a problem, a
   * job…), named `what` in the NOT_FOUND that answers for an item of a tenant the caller may not see.
   */
  | { readonly kind: 'owner'; readonly collection: string; readonly idPath: string; readonly what: string }
  /** The caller's own tenant (signing out, listing what one may see). */
  | { readonly kind: 'caller' }
  /** Content that belongs to no one tenant; acted on in the caller's own tenant's name. */
  | { readonly kind: 'shared' };

export const tenantArgument = (path: string): TenantDeclaration => ({ kind: 'argument', path });
export const trailArgument = (path: string): TenantDeclaration => ({ kind: 'trail', path });
export const tenantOwning = (collection: string, idPath: string, what: string): TenantDeclaration => ({ kind: 'owner', collection, idPath, what });
export const CALLERS_TENANT: TenantDeclaration = { kind: 'caller' };
export const SHARED_CONTENT: TenantDeclaration = { kind: 'shared' };

/**
 * Who may call an operation: the roles (any one of them suffices), or `'public'` for the few
 * operations a caller needs before it has a token (signing in, refreshing a session).
 */
export type Callers = readonly Role[] | 'public';
export const PUBLIC = 'public' as const;

export interface OperationPermission {
  readonly callers: Callers;
  readonly tenant: TenantDeclaration;
}

/** Which service principals (`system:<name>`) may do a piece of background work, in whose tenant. */
export interface ServicePermission {
  readonly services: readonly string[];
  readonly tenant: TenantDeclaration;
}

export function permit(callers: Callers, tenant: TenantDeclaration): OperationPermission {
  return { callers, tenant };
}

export function permitService(services: readonly string[], tenant: TenantDeclaration): ServicePermission {
  return { services, tenant };
}

/**
 * One row per root operation a subgraph serves, and per background action it runs. An operation
 * without a row is refused for everyone (fail closed), and a row for an operation the subgraph
 * does not serve stops the subgraph from starting, so the table can neither fall behind nor run
 * ahead of the schema.
 */
export type PermissionTable = Readonly<Record<OperationName, OperationPermission> & Record<ServiceOperationName, ServicePermission>>;
