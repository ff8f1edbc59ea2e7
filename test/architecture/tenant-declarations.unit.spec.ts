import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type FieldDefinitionNode, type InputObjectTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import type { OperationPermission, PermissionTable, TenantDeclaration } from '../../platform/graphql/permissions/permission-table';
import { COMMUNITY_PERMISSIONS } from '../../subgraphs/community/graphql/permissions';
import { ENTERPRISE_PERMISSIONS } from '../../subgraphs/enterprise/graphql/permissions';
import { OPTIMIZATION_PERMISSIONS } from '../../subgraphs/optimization/graphql/permissions';
import { SCALING_PERMISSIONS } from '../../subgraphs/scaling/graphql/permissions';

const TABLES: readonly PermissionTable[] = [OPTIMIZATION_PERMISSIONS, ENTERPRISE_PERMISSIONS, SCALING_PERMISSIONS, COMMUNITY_PERMISSIONS];

/**
 * A mutation's tenant is declared once, in its permission row, and the shield, the compliance
 * guard and the audit all read it there. This keeps the declarations honest: an operation whose
 * arguments name a tenant must declare exactly that argument, so no row can point the three at
 * the wrong tenant (or at none) while the arguments say otherwise.
 */
describe('tenant declarations in the permission tables', () => {
  const document = parse(readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8'));
  const inputs = new Map(
    document.definitions.filter((definition): definition is InputObjectTypeDefinitionNode => definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION).map((input) => [input.name.value, input]),
  );
  const rootFields = document.definitions
    .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(definition.name.value))
    .flatMap((type) => (type.fields ?? []).map((field) => ({ operation: `${type.name.value}.${field.name.value}`, field })));
  const rows = new Map(TABLES.flatMap((table) => Object.entries(table)));

  it('declares, for every operation whose arguments name a tenant, that argument', () => {
    const wrong = rootFields.flatMap(({ operation, field }) => {
      const named = tenantArgumentOf(field);
      const declared = (rows.get(operation) as OperationPermission | undefined)?.tenant;
      if (!named || !declared) return [];
      return [{ kind: 'argument', path: named }, { kind: 'trail', path: named }].some((expected) => sameDeclaration(declared, expected as TenantDeclaration)) ? [] : [`${operation} names its tenant in ${named} but its row declares ${JSON.stringify(declared)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('has a row, with a tenant declaration, for every root operation of the supergraph', () => {
    const federation = new Set(['Query._service', 'Query._entities']);
    const missing = rootFields.map(({ operation }) => operation).filter((operation) => !federation.has(operation) && !(rows.get(operation) as OperationPermission | undefined)?.tenant);
    expect(missing).toEqual([]);
  });

  function tenantArgumentOf(field: FieldDefinitionNode): string | undefined {
    for (const argument of field.arguments ?? []) {
      if (argument.name.value === 'tenantId') return 'tenantId';
      const input = inputs.get(namedType(argument.type));
      if (input?.fields?.some((inputField) => inputField.name.value === 'tenantId')) return `${argument.name.value}.tenantId`;
    }
    return undefined;
  }
});

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function sameDeclaration(a: TenantDeclaration, b: TenantDeclaration): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
