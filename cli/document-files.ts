import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { GraphQLError, Kind, NoUnusedFragmentsRule, parse, Source, specifiedRules, validate, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { documentHash, operationDocuments } from '../gateway/trusted-documents/operation-documents';
import { parseManifest, type TrustedDocument } from '../gateway/trusted-documents/trusted-document-manifest';
import { UsageError } from './usage-error';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

const GRAPHQL_EXTENSIONS = new Set(['.graphql', '.gql']);

/** The files named, and the .graphql/.gql files inside the folders named (searched recursively, in name order). */
export function readSourceFiles(paths: readonly string[]): SourceFile[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new UsageError(`${path} does not exist`);
    if (statSync(path).isDirectory()) {
      const found = graphqlFilesUnder(path);
      if (found.length === 0) throw new UsageError(`${path} holds no .graphql or .gql file`);
      return found.map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
    }
    if (!GRAPHQL_EXTENSIONS.has(extname(path)) && extname(path) !== '.json') throw new UsageError(`${path}: give .graphql or .gql files, folders of them, or .json manifests`);
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/**
 * The trusted documents the files define, each checked against `schema`. The operations of the
 * .graphql files are read as one document, so an operation may use a fragment of another file;
 * each becomes a document of its own with the fragments it uses (operationDocuments). A .json
 * file is a manifest from a client build, whose ids are kept. Every mistake found is reported
 * (file:line:column), in one UsageError.
 */
export function trustedDocumentsOf(files: readonly SourceFile[], schema: GraphQLSchema): TrustedDocument[] {
  const graphqlFiles = files.filter((file) => extname(file.path) !== '.json');
  const manifests = files.filter((file) => extname(file.path) === '.json');
  return [...operationsOf(graphqlFiles, schema), ...manifests.flatMap((file) => checkedManifest(file, schema))];
}

function operationsOf(files: readonly SourceFile[], schema: GraphQLSchema): TrustedDocument[] {
  if (files.length === 0) return [];
  const documents = files.map(parsed);
  const syntaxErrors = documents.filter((document): document is string => typeof document === 'string');
  if (syntaxErrors.length > 0) throw new UsageError(`nothing registered:\n${syntaxErrors.join('\n')}`);
  const definitions = (documents as DocumentNode[]).flatMap((document) => document.definitions);
  const problems = definitions.flatMap(unnamedOperation);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  // A fragment no operation given uses is simply left out, as fragment files shared by several clients have some.
  problems.push(...validate(schema, document, specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule)).map(located));
  if (problems.length > 0) throw new UsageError(`nothing registered:\n${problems.join('\n')}`);
  return operationDocuments(document).map(({ name, type, body }) => ({ id: documentHash(body), name, type, body }));
}

/** The file's document, or its syntax error located. */
function parsed(file: SourceFile): DocumentNode | string {
  try {
    return parse(new Source(file.text, file.path));
  } catch (error) {
    if (error instanceof GraphQLError) return located(error);
    throw error;
  }
}

/** Manifests and access logs name every operation, so an anonymous one is refused. */
function unnamedOperation(definition: DefinitionNode): string[] {
  if (definition.kind !== Kind.OPERATION_DEFINITION || definition.name) return [];
  return [located(new GraphQLError(`the ${definition.operation} has no name: name every operation (e.g. "${definition.operation} Tenants { … }")`, { nodes: [definition] }))];
}

function checkedManifest(file: SourceFile, schema: GraphQLSchema): TrustedDocument[] {
  let documents: TrustedDocument[];
  try {
    documents = parseManifest(file.text, file.path);
  } catch (error) {
    throw new UsageError(`nothing registered:\n${(error as Error).message}`);
  }
  const problems = documents.flatMap(({ id, body }) => validate(schema, parse(body)).map((error) => `${file.path}: operation ${id}: ${error.message}`));
  if (problems.length > 0) throw new UsageError(`nothing registered:\n${problems.join('\n')}`);
  return documents;
}

function located(error: GraphQLError): string {
  const [location] = error.locations ?? [];
  const where = error.source && location ? `${error.source.name}:${location.line}:${location.column}` : (error.source?.name ?? 'document');
  return `${where}: ${error.message}`;
}

function graphqlFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return graphqlFilesUnder(path);
      return GRAPHQL_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
    });
}
