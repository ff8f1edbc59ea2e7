/**
 * Goliath's own span attributes. Standard ones (HTTP, GraphQL) keep their OpenTelemetry names, so
 * a tracing backend shows them as it shows any other service's.
 */
export const SpanAttribute = {
  /** On every span of a request's trace: the id in `x-correlation-id`, the access log and the events' metadata. */
  CorrelationId: 'goliath.correlation_id',
  TenantId: 'goliath.tenant_id',
  /** Which server answered: `gateway` or a subgraph's name (in one process they share a service name). */
  Server: 'goliath.server',
  /** The `extensions.code` of each error a GraphQL answer carried, each once. */
  ErrorCodes: 'goliath.error_codes',
  StreamId: 'goliath.stream_id',
  EventTypes: 'goliath.event_types',
  EventType: 'goliath.event_type',
  Position: 'goliath.position',
  Projection: 'goliath.projection',
  GraphQLOperationName: 'graphql.operation.name',
  GraphQLOperationType: 'graphql.operation.type',
} as const;
