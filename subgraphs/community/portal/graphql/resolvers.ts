import { ContributionResolver } from './contribution-resolver';
import { ProjectResolver } from './project-resolver';
import { TutorialResolver } from './tutorial-resolver';

/** The resolver classes of the community's portal (tutorials, projects, contributions), registered by subgraphs/community/server.ts. */
export const PORTAL_RESOLVERS: Function[] = [TutorialResolver, ProjectResolver, ContributionResolver];
