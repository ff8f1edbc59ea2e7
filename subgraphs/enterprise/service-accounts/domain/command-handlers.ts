import { commandHandler } from '../../../../platform/commands/command-handler';
import { eventSchemaVersion, serviceAccountStreamId } from '../../../../schema/events';
import { serviceAccountDecider } from './service-account-decider';

/** The service-account aggregate, bound once to its decider, its stream and its event versions. */
export const serviceAccounts = commandHandler(serviceAccountDecider, (command) => serviceAccountStreamId(command.serviceAccountId), eventSchemaVersion);
