import type { ConfigVocabulary } from '../platform/config';
import { FRAMEWORK_TYPES } from '../schema/compliance';

/** The domain's names a process checks its settings against when it starts; platform/config.ts cannot know them. */
export const CONFIG_VOCABULARY: ConfigVocabulary = { complianceFrameworks: FRAMEWORK_TYPES };
