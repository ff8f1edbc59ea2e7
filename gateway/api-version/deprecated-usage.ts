import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/** One deprecated schema element an operation used, and the major version that drops it. */
export interface Deprecation {
  /** `Type.field`, or `Type.field(argument:)` for an argument. */
  readonly field: string;
  readonly reason: string;
  readonly removalVersion: number;
}

/**
 * The `@deprecated` fields and arguments a document selects. Policy: a deprecated element is
 * kept through the current major version and removed in the next one, so that is the removal
 * version reported.
 */
export function deprecatedUsage(schema: GraphQLSchema, document: DocumentNode, currentVersion: number): Deprecation[] {
  const found = new Map<string, Deprecation>();
  const note = (field: string, reason: string | null | undefined) => {
    if (reason != null && !found.has(field)) found.set(field, { field, reason, removalVersion: currentVersion + 1 });
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) note(`${parent.name}.${field.name}`, field.deprecationReason);
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const argument = typeInfo.getArgument();
        if (parent && field && argument) note(`${parent.name}.${field.name}(${argument.name}:)`, argument.deprecationReason);
      },
    }),
  );
  return [...found.values()];
}
