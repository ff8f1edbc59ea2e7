/**
 * Raised when a read query or write cannot be honoured as asked (undeclared field, malformed
 * cursor, bad page size, reserved field name). A caller error, never a store failure: the GraphQL
 * layer maps it to a user-input error.
 */
export class InvalidReadQueryError extends Error {
  readonly code = 'INVALID_READ_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReadQueryError';
  }
}
