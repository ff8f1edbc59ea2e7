/**
 * `Subscription.tenantEvents` is declared here so it is part of the composed supergraph: clients
 * see it in introspection and their tools validate against it. `@apollo/gateway` cannot forward
 * subscriptions, so the gateway executes it on its own graphql-ws endpoint, straight from the
 * event store (DESIGN.md §4); no subgraph resolves it.
 */
export const TENANT_EVENTS_SUBSCRIPTION_SDL = `
type Subscription {
  "Every new event of the tenant, live. Served over graphql-ws at the gateway's /graphql."
  tenantEvents(tenantId: ID!): TenantEventMessage!
}
`;
