import { commandHandler } from '../../../../platform/commands/command-handler';
import { changeApprovalStreamId, complianceStreamId, eventSchemaVersion } from '../../../../schema/events';
import { changeApprovalDecider } from './change-approval-decider';
import { complianceDecider } from './compliance-decider';

/** The compliance aggregates, each bound once to its decider, its stream and its event versions. */
export const complianceProfiles = commandHandler(complianceDecider, (command) => complianceStreamId(command.tenantId), eventSchemaVersion);
export const changeApprovals = commandHandler(changeApprovalDecider, (command) => changeApprovalStreamId(command.approvalId), eventSchemaVersion);
