import type { IMiddleware } from 'graphql-middleware';
import type { InputLimits } from '../../config';
import { checkInputLimits } from './check-input-limits';

/**
 * Field middleware that refuses arguments over the input limits before anything else looks at them.
 *
 * Why a middleware and not validation in the JSON scalar: a scalar sees only its own values (not
 * the String and ID arguments, nor list lengths), cannot name the argument it sits in, and refuses
 * while variables are coerced, before execution, so the audit middleware would never see the
 * refusal. Here every field of every subgraph is covered by construction (operationMiddleware puts
 * it in each), the field's declared argument types drive the walk, and the refusal is an ordinary
 * BAD_USER_INPUT that the audit layer outside it records. It sits inside the audit and outside the
 * permission shield and the compliance guard, so an oversized value never reaches their lookups.
 *
 * Nested fields are checked too (a connection's cursor is an argument); a field without arguments
 * costs one lookup.
 */
export function inputLimitsMiddleware(limitsOf: () => InputLimits): IMiddleware<unknown, unknown, Record<string, unknown>> {
  return (resolve, parent, args, context, info) => {
    const definitions = info.parentType.getFields()[info.fieldName]?.args;
    if (definitions && definitions.length > 0) checkInputLimits(definitions, args ?? {}, limitsOf());
    return resolve(parent, args, context, info);
  };
}
