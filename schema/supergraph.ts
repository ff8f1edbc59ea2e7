import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/project-root';

/** The composed supergraph, checked in beside this file (`npm run compose` rewrites it). */
export const SUPERGRAPH_FILE = join(projectRoot(), 'schema', 'supergraph.graphql');

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8');
}
