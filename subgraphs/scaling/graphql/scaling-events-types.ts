import { ObjectType } from 'type-graphql';
import { EventFeedMessage } from '../../../schema/graphql/event-feed-message';

@ObjectType({ description: 'One step of predictive scaling, as it was recorded.' })
export class ScalingEventMessage extends EventFeedMessage(
  'ScalingEventMessage',
  'ResourceDemandPredicted, ScalingPolicyCreated, ScalingPolicyUpdated, ScalingScheduleProposed, ScalingScheduleApproved, ScalingScheduleApplied, ScalingActionApplied, ScalingActionFailed or TenantCapacityChanged.',
) {}

/** Executed by the gateway's graphql-ws endpoint from the event store, as constraintEvolutions is. */
export const SCALING_EVENTS_SUBSCRIPTION_SDL = `
type Subscription {
  "A tenant's predictive scaling as it happens: forecasts made, policies, schedules proposed, approved and applied, scaling actions applied or failed, capacities set. Served over graphql-ws at the gateway's /graphql."
  scalingEvents(tenantId: ID!): ScalingEventMessage!
}
`;
