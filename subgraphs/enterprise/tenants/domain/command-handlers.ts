import { commandHandler } from '../../../../platform/commands/command-handler';
import { eventSchemaVersion, tenantStreamId } from '../../../../schema/events';
import { tenantDecider } from './tenant-decider';

/** The tenant aggregate, bound once to its decider, its stream and its event versions. */
export const tenants = commandHandler(tenantDecider, (command) => tenantStreamId(command.tenantId), eventSchemaVersion);
