import type { GraphQLSchema } from 'graphql';
import { middleware, type IMiddlewareGenerator, type IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, deny, rule, shield, type IRule } from 'graphql-shield';
import { forbidden, unauthenticated } from '../../errors';
import type { SubgraphContext } from '../subgraph-context';
import { permissionRule } from './permission-rule';
import type { OperationPolicy } from './operation-policy';
import { PUBLIC, type OperationName, type OperationPermission } from './permission-table';

const ROOT_TYPES = ['Query', 'Mutation'] as const;
// graphql-shield exports no name for "a rule or a logic rule" (`allow`, `deny`).
type FieldRules = Record<string, IRule | typeof allow>;

/**
 * Federation's own root fields, which no permission row names. The fallback `'*': deny` would
 * refuse them and break the supergraph (the best-known graphql-shield pitfall with federation),
 * so they get a rule of their own: a verified caller, whatever the role. The gateway resolves
 * entities through `_entities` with the caller's token, and no operation callable without a token
 * returns an entity; tenant scope is each `__resolveReference`'s own check (field middleware never
 * wraps it: it is not a field). `_service { sdl }` is not needed at run time (the gateway serves
 * the checked-in supergraph, composition prints the schemas in process), so it answers nothing
 * anonymous either.
 */
const verifiedCaller = rule('federation:verified-caller', { cache: 'no_cache' })(async (_parent: unknown, _args: unknown, context: SubgraphContext) => {
  if (context.authError) return context.authError;
  return context.auth ? true : unauthenticated();
});
const FEDERATION_FIELDS: FieldRules = { _service: verifiedCaller, _entities: verifiedCaller };

/**
 * graphql-shield over a subgraph's root operations, built from its permission table; goes into
 * `buildFederatedSchema({ middleware: [...] })`.
 *
 * - A Query or Mutation field without a row is denied (`'*': deny`): a forgotten row fails closed
 *   with FORBIDDEN instead of opening the operation to every role.
 * - A row for a field the subgraph does not serve throws when the schema is built.
 * - Only root fields are wrapped. Shield would otherwise wrap every field of every type with its
 *   async middleware (a promise per resolved scalar) just to apply `fallbackRule: allow`; object
 *   fields are reached through a root operation or `_entities`, which are checked already.
 * - `allowExternalErrors`: shield runs the resolver inside its own try/catch, and without this
 *   flag it would replace every resolver error (NOT_FOUND, BAD_USER_INPUT, a tenant-scope
 *   FORBIDDEN from `requireTenantAccess`) with its fallback error. `debug` stays off so a rule
 *   that throws counts as a denial rather than leaking its stack.
 */
export function permissionShield(policy: OperationPolicy): IMiddlewareGenerator<unknown, SubgraphContext, unknown> {
  return middleware((schema: GraphQLSchema) => {
    const generated = shield(ruleTree(schema, policy), {
      fallbackRule: allow,
      allowExternalErrors: true,
      debug: false,
      fallbackError: (_error, _parent, _args, _context, info) => unlistedOperation(`${info.parentType.name}.${info.fieldName}`),
    }).generate(schema) as IMiddlewareTypeMap;
    return Object.fromEntries(Object.entries(generated).filter(([typeName]) => (ROOT_TYPES as readonly string[]).includes(typeName)));
  });
}

function ruleTree(schema: GraphQLSchema, policy: OperationPolicy): Record<string, FieldRules> {
  const tree: Record<string, FieldRules> = {};
  for (const typeName of ROOT_TYPES) {
    if (schema.getType(typeName)) tree[typeName] = { '*': deny, ...(typeName === 'Query' ? FEDERATION_FIELDS : {}) };
  }
  for (const [row, permission] of Object.entries(policy.table)) {
    const [typeName, fieldName] = row.split('.') as [string, string];
    // Service rows govern background work, which no GraphQL field reaches.
    if (typeName === 'Service') continue;
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type) || !type.getFields()[fieldName]) {
      throw new Error(`The permission table has a row for ${row}, which this subgraph does not serve: remove the row or fix its name.`);
    }
    const { callers } = permission as OperationPermission;
    tree[typeName][fieldName] = callers === PUBLIC ? allow : permissionRule(row as OperationName, callers, policy);
  }
  return tree;
}

/** Reached only for operations without a row: every listed one answers through its own rule. */
function unlistedOperation(operation: string) {
  return forbidden(`${operation} is refused for every role: it has no row in its subgraph's permission table yet. Ask the platform team to add one.`);
}
