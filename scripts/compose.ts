import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../app/compose-supergraph';
import { SUPERGRAPH_FILE } from '../schema/supergraph';

/** `npm run compose`: writes schema/supergraph.graphql, which is checked in. */
composeSupergraph().then(
  (sdl) => {
    writeFileSync(SUPERGRAPH_FILE, sdl);
    process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
