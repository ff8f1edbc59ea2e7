import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { OWN_SIZE_LIMIT } from '../../../platform/graphql/input-limits/check-input-limits';

const NOT_A_STRING = 'FileContent is a string: the file as text, or gzipped and base64-encoded.';

/**
 * A problem file sent inline. A string, but bounded by UPLOAD_MAX_BYTES (checked by the
 * operation, decompressed size included) instead of INPUT_MAX_STRING_LENGTH, which is sized for
 * names and descriptions: a benchmark file is megabytes.
 */
export const FileContentScalar = new GraphQLScalarType<string, string>({
  name: 'FileContent',
  description: 'A problem file: its text, or the file gzipped and base64-encoded (which starts with "H4sI"); at most UPLOAD_MAX_BYTES as sent and once decompressed.',
  extensions: { [OWN_SIZE_LIMIT]: true },
  serialize: (value) => {
    if (typeof value !== 'string') throw new GraphQLError(NOT_A_STRING);
    return value;
  },
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError(NOT_A_STRING);
    return value;
  },
  parseLiteral: (literal) => {
    if (literal.kind !== Kind.STRING) throw new GraphQLError(NOT_A_STRING);
    return literal.value;
  },
});
