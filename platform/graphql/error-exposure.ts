import type { GraphQLFormattedError } from 'graphql';

/** What an error answer may show beyond its message and code; the gateway and every subgraph apply the same. */
export interface ErrorExposure {
  /** `extensions.stacktrace`: server paths and code, for a developer who asked (GOLIATH_DEBUG_ERRORS=1). */
  readonly stackTraces: boolean;
  /** graphql-js's "Did you mean …?" hints, which spell out the schema; off in production, where introspection is too. */
  readonly suggestions: boolean;
}

export function errorExposure(config: { readonly production: boolean; readonly debugErrors: boolean }): ErrorExposure {
  return { stackTraces: config.debugErrors, suggestions: !config.production };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The last step of every formatError: takes out what the exposure does not allow. */
export function exposedOnly(exposure: ErrorExposure) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const message = exposure.suggestions ? formatted.message : formatted.message.replace(SUGGESTION, '');
    if (exposure.stackTraces || !formatted.extensions || !('stacktrace' in formatted.extensions)) return message === formatted.message ? formatted : { ...formatted, message };
    // A subgraph's answer passes through the gateway as it came; a trace in it is dropped here too.
    const { stacktrace: _dropped, ...extensions } = formatted.extensions;
    return { ...formatted, message, extensions };
  };
}
