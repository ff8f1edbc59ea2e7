import { commandHandler } from '../../../platform/commands/command-handler';
import { eventSchemaVersion, scalingCalendarStreamId, scalingPolicyStreamId, scalingScheduleStreamId, tenantCapacityStreamId } from '../../../schema/events';
import { scalingScheduleDecider, scheduleIdOf } from './scaling-schedule-decider';
import { tenantCapacityDecider } from './tenant-capacity-decider';
import { scalingCalendarDecider } from './scaling-calendar-decider';
import { scalingPolicyDecider } from './scaling-policy-decider';

/** The scaling aggregates, each bound once to its decider, its stream and its event versions. */
export const scalingPolicies = commandHandler(
  scalingPolicyDecider,
  (command) => (command.type === 'CreateScalingPolicy' ? scalingPolicyStreamId(command.definition.tenantId, command.definition.resourceType) : scalingPolicyStreamId(command.tenantId, command.resourceType)),
  eventSchemaVersion,
);
export const scalingCalendars = commandHandler(
  scalingCalendarDecider,
  (command) => scalingCalendarStreamId(command.type === 'AddCalendarException' ? command.exception.tenantId : command.tenantId),
  eventSchemaVersion,
);
export const scalingSchedules = commandHandler(scalingScheduleDecider, (command) => scalingScheduleStreamId(scheduleIdOf(command)), eventSchemaVersion);
export const tenantCapacities = commandHandler(tenantCapacityDecider, (command) => tenantCapacityStreamId(command.change.tenantId), eventSchemaVersion);
