import { commandHandler } from '../../../../platform/commands/command-handler';
import { algorithmStreamId, eventSchemaVersion } from '../../../../schema/events';
import { algorithmDecider } from './algorithm-decider';

/** Marketplace listings, bound once to their decider, their stream and their event versions. */
export const algorithms = commandHandler(
  algorithmDecider,
  (command) => algorithmStreamId(command.type === 'SubmitAlgorithmVersion' ? command.submission.algorithmId : command.algorithmId),
  eventSchemaVersion,
);
