import type { Role } from '../../auth/auth-context';

/** A root operation as `Query.tenant` or `Mutation.createProblem`. */
export type OperationName = `Query.${string}` | `Mutation.${string}`;

/**
 * Who may call an operation: the roles (any one of them suffices), or `'public'` for the few
 * operations a caller needs before it has a token (signing in, refreshing a session).
 */
export type Permission = readonly Role[] | 'public';

/**
 * One row per root operation a subgraph serves. An operation without a row is refused for
 * everyone (fail closed), and a row for an operation the subgraph does not serve stops the
 * subgraph from starting, so the table can neither fall behind nor run ahead of the schema.
 */
export type PermissionTable = Readonly<Record<OperationName, Permission>>;

export const PUBLIC = 'public' as const;
