/**
 * Constraints given with a solve rather than stored with the problem are named `inline-1`,
 * `inline-2`, … in the order given: they live only for that solve. Stored constraints have UUIDs,
 * so the two never meet, and performance is tracked only for stored ones.
 */
export function inlineConstraintId(index: number): string {
  return `inline-${index + 1}`;
}

export function isInlineConstraintId(id: string): boolean {
  return id.startsWith('inline-');
}
