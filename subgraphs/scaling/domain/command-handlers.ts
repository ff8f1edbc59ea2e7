import { commandHandler } from '../../../platform/commands/command-handler';
import { eventSchemaVersion, scalingPolicyStreamId } from '../../../schema/events';
import { scalingPolicyDecider } from './scaling-policy-decider';

/** The scaling aggregates, each bound once to its decider, its stream and its event versions. */
export const scalingPolicies = commandHandler(
  scalingPolicyDecider,
  (command) => (command.type === 'CreateScalingPolicy' ? scalingPolicyStreamId(command.definition.tenantId, command.definition.resourceType) : scalingPolicyStreamId(command.tenantId, command.resourceType)),
  eventSchemaVersion,
);
