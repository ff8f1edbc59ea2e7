import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';

/**
 * A file of the shared benchmark data (`../shared/data` beside the checkout, as CI lays it out;
 * GOLIATH_SHARED_DATA overrides). Tests read it in place: the data is never copied into the repo.
 */
export function sharedDataFile(...parts: string[]): string {
  const candidates = [process.env.GOLIATH_SHARED_DATA, join(projectRoot(), '..', 'shared', 'data')].filter((dir): dir is string => Boolean(dir));
  const dir = candidates.find((candidate) => existsSync(candidate));
  if (!dir) throw new Error(`Shared data not found; looked in ${candidates.join(', ')} (set GOLIATH_SHARED_DATA)`);
  return join(dir, ...parts);
}
