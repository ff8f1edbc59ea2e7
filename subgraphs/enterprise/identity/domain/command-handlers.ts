import { commandHandler } from '../../../../platform/commands/command-handler';
import { eventSchemaVersion, identityProviderStreamId, sessionStreamId, userStreamId } from '../../../../schema/events';
import { identityProviderDecider } from './identity-provider-decider';
import { sessionDecider } from './session-decider';
import { userDecider } from './user-decider';

/** The identity aggregates, each bound once to its decider, its stream and its event versions. */
export const identityProviders = commandHandler(
  identityProviderDecider,
  (command) => identityProviderStreamId(command.type === 'ConfigureIdentityProvider' ? command.definition.providerId : command.providerId),
  eventSchemaVersion,
);
export const users = commandHandler(userDecider, (command) => userStreamId(command.userId), eventSchemaVersion);
export const sessions = commandHandler(sessionDecider, (command) => sessionStreamId(command.type === 'StartSession' ? command.session.sessionId : command.sessionId), eventSchemaVersion);
