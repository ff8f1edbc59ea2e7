/**
 * Raised when a read query outlives its `maxTimeMs` budget. Not a store failure: the caller chose
 * the budget, and the GraphQL layer answers with a remedy (narrow the query).
 */
export class ReadQueryTimeoutError extends Error {
  readonly code = 'READ_QUERY_TIMEOUT';
  constructor(readonly maxTimeMs: number) {
    super(`Read query exceeded its time budget of ${maxTimeMs} ms`);
    this.name = 'ReadQueryTimeoutError';
  }
}
