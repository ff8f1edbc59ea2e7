import { commandHandler } from '../../../../platform/commands/command-handler';
import { deadLetterStreamId, eventSchemaVersion } from '../../../../schema/events';
import { parkedEventDecider } from './parked-event-decider';

/** A projection's dead letters, bound once to their decider, their stream and their event versions. */
export const parkedEvents = commandHandler(parkedEventDecider, (command) => deadLetterStreamId(command.projection), eventSchemaVersion);
