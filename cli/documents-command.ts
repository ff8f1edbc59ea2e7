import { resolve } from 'node:path';
import { loadConfig } from '../platform/config';
import { readManifestFile, writeManifestFile } from '../gateway/trusted-documents/manifest-file';
import { supergraphApiSchema } from '../gateway/trusted-documents/supergraph-api-schema';
import { mergeDocuments, type TrustedDocument } from '../gateway/trusted-documents/trusted-document-manifest';
import { readSupergraph } from '../schema/supergraph';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { readSourceFiles, trustedDocumentsOf } from './document-files';
import { parseOptions } from './parse-options';
import { EXIT_OK, UsageError } from './usage-error';

export const DOCUMENTS_USAGE = `Usage: goliath documents register PATH...
       goliath documents list

The trusted documents: what the gateway runs when TRUSTED_DOCUMENTS=enforce, kept in the manifest
at TRUSTED_DOCUMENTS_PATH ($DATA_DIR/trusted-documents.json by default).

  register  adds each operation of the .graphql (or .gql) files given, and of those in the folders
            given (searched recursively), as a document of its own: the operation and the fragments
            it uses (from any file given), printed canonically; its id is the SHA-256 of that text.
            Also takes manifests (.json) from a client build: Apollo's persisted-query manifest or
            GraphQL Codegen's persisted documents, whose ids are kept. Every operation is checked
            against the API of schema/supergraph.graphql first: on any error, nothing is written.
            Prints one JSON line per document: id, name, type, added (false: it was registered already)
  list      one JSON line per registered document: id, name, type, body

Running gateways read the manifest again when a request names a document they do not know, so a
document registered here is served without a restart.

Options:
  --manifest FILE   the manifest to write or read instead of TRUSTED_DOCUMENTS_PATH
  -h, --help        show this help

Exit codes: 0 done, 1 unexpected failure, 2 bad usage or a document refused (nothing written).`;

export const documentsCommand: Command = {
  name: 'documents',
  summary: 'register the operations the gateway runs with TRUSTED_DOCUMENTS=enforce, and list them',
  run: (argv, io) => runDocuments(argv, io),
};

/** `goliath documents register|list ...`: see DOCUMENTS_USAGE. `env` stands in for process.env in tests. */
export async function runDocuments(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseOptions(argv, { manifest: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const);
  if (values.help) {
    io.stdout.write(`${DOCUMENTS_USAGE}\n`);
    return EXIT_OK;
  }
  const [action, ...paths] = positionals;
  const manifestPath = values.manifest ? resolve(values.manifest) : loadConfig(env).trustedDocuments.manifestPath;
  if (action === 'list') {
    if (paths.length > 0) throw new UsageError(`unexpected argument ${paths[0]}`);
    for (const { id, name, type, body } of registered(manifestPath)) io.stdout.write(`${JSON.stringify({ id, name, type, body })}\n`);
    return EXIT_OK;
  }
  if (action !== 'register') throw new UsageError(action === undefined ? 'missing action: register or list' : `unknown action "${action}": register or list`);
  if (paths.length === 0) throw new UsageError('documents register needs the .graphql files (or folders, or .json manifests) to register');

  const added = trustedDocumentsOf(readSourceFiles(paths), await supergraphApiSchema(readSupergraph()));
  let merged;
  try {
    merged = mergeDocuments(registered(manifestPath), added);
  } catch (error) {
    throw new UsageError(`nothing registered: ${(error as Error).message}`);
  }
  if (merged.newIds.size > 0) writeManifestFile(manifestPath, merged.documents);
  for (const { id, name, type } of added) io.stdout.write(`${JSON.stringify({ id, name, type, added: merged.newIds.has(id) })}\n`);
  return EXIT_OK;
}

function registered(manifestPath: string): TrustedDocument[] {
  try {
    return readManifestFile(manifestPath);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}: fix the manifest, or move it away and register its documents again`);
  }
}
