import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import recipeSchema from '../recipe.schema.json';
import type { ValidationProblem } from './validation-problem';

/** The published recipe schema (draft 2020-12), also served by `algorithmRecipeSchema`. */
export const RECIPE_SCHEMA: Readonly<Record<string, unknown>> = recipeSchema;

// allErrors: a submitter sees every recipe problem in one answer, not the first one only.
const validateRecipe = new Ajv2020({ allErrors: true, strict: true }).compile(recipeSchema);

/** Every way the recipe breaks the schema, each named by its path inside the recipe. */
export function recipeProblems(recipe: unknown): ValidationProblem[] {
  if (validateRecipe(recipe)) return [];
  return (validateRecipe.errors ?? []).map((error) => ({ field: `recipe${error.instancePath}`, code: 'RECIPE_SCHEMA', message: messageOf(error), severity: 'ERROR' }));
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `has an unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${error.message ?? 'is not allowed'}: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? 'does not match the recipe schema';
}
