import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

/** A JSON pointer to a place in the document, its parts escaped (`/phase2.1/…` is one part). */
function pointer(parts: readonly string[]): string {
  return parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/**
 * Validators for the schemas of an OpenAPI 3.1 document, as JSON Schema 2020-12 (3.1's dialect),
 * its `$ref`s resolved within the document: `validatorAt('components', 'schemas', 'Error')`.
 */
export function openApiValidators(document: object): (...path: string[]) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(document, 'openapi.json');
  return (...path) => ajv.compile({ $ref: `openapi.json#/${pointer(path)}` });
}

/** The schema of an endpoint's answer with this status: its own for 200, the shared error's otherwise. */
export function answerSchemaPath(path: string, method: string, status: number): string[] {
  return status === 200 ? ['paths', path, method.toLowerCase(), 'responses', '200', 'content', 'application/json', 'schema'] : ['components', 'schemas', 'Error'];
}
