/**
 * How the seed's Python clients spell what GraphQL spells otherwise: snake_case field names and
 * lower-case enum values (`evolution_strategy: "aggressive"` for `evolutionStrategy: AGGRESSIVE`).
 */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function restEnumValue(graphqlValue: string): string {
  return graphqlValue.toLowerCase();
}

export function graphqlEnumValue(restValue: string): string {
  return restValue.toUpperCase();
}
