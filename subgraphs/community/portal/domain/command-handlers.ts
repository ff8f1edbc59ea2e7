import { commandHandler } from '../../../../platform/commands/command-handler';
import { eventSchemaVersion, projectStreamId, tutorialStreamId } from '../../../../schema/events';
import { projectDecider } from './project-decider';
import { tutorialDecider } from './tutorial-decider';

/** The developer portal's aggregates, each bound once to its decider, its stream and its event versions. */
export const tutorials = commandHandler(tutorialDecider, (command) => tutorialStreamId(command.tutorialId), eventSchemaVersion);
export const projects = commandHandler(projectDecider, (command) => projectStreamId(command.projectId), eventSchemaVersion);
