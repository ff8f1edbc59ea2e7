import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding package.json. Code runs both from source (tests) and from `dist/`, so
 * files that are not compiled (the supergraph, the Playground bundle) are found from here.
 */
export function projectRoot(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json')) || folder.endsWith(`${join('', 'dist')}`)) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${from}`);
    folder = parent;
  }
  return folder;
}
