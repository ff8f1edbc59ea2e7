import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { JSON_BODY_LIMIT_BYTES, uploadBodyLimitBytes } from '../platform/http/body-limits';

/** The root fields whose requests carry a file (UPLOAD_MAX_BYTES): the only ones read beyond JSON_BODY_LIMIT_BYTES. */
export const UPLOAD_FIELDS: ReadonlySet<string> = new Set(['createProblemFromFile']);

export interface GraphQLBodyOptions {
  readonly uploadMaxBytes: number;
  /** QUERY_MAX_TOKENS: the document of an oversized body is parsed here, before Apollo's limits apply. */
  readonly maxTokens: number;
}

const bodySizes = new WeakMap<IncomingMessage, number>();

/**
 * The JSON body parser of /graphql. Which operation a request runs is known only once its body is
 * read, so bodies up to the upload limit are read; one larger than JSON_BODY_LIMIT_BYTES then
 * goes on only if its operation selects nothing but upload fields, and is otherwise refused with
 * the body parser's own 413, as every request over the limit was before uploads existed.
 */
export function graphqlJsonBody(options: GraphQLBodyOptions): RequestHandler[] {
  return [
    express.json({ limit: uploadBodyLimitBytes(options.uploadMaxBytes), verify: (request, _response, body) => bodySizes.set(request, body.length) }),
    (request: Request, _response: Response, next: NextFunction) => {
      const size = bodySizes.get(request) ?? 0;
      if (size <= JSON_BODY_LIMIT_BYTES || runsUploadsOnly(request.body, options.maxTokens)) return next();
      next(entityTooLarge(size, JSON_BODY_LIMIT_BYTES));
    },
  ];
}

/** Whether the request's operation is a mutation selecting upload fields only (its text sent: a persisted query's id alone does not say). */
export function runsUploadsOnly(body: unknown, maxTokens: number): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  const operation = operationOf(parsed(query, maxTokens), typeof operationName === 'string' ? operationName : undefined);
  return (
    operation?.operation === 'mutation' &&
    operation.selectionSet.selections.length > 0 &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && UPLOAD_FIELDS.has(selection.name.value))
  );
}

function parsed(query: string, maxTokens: number): DocumentNode | undefined {
  try {
    return parse(query, { maxTokens, noLocation: true });
  } catch {
    return undefined;
  }
}

function operationOf(document: DocumentNode | undefined, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = (document?.definitions ?? []).filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === undefined) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((operation) => operation.name?.value === operationName);
}

/** The error body-parser raises for a body over its limit, so express answers it exactly as it does that one. */
function entityTooLarge(length: number, limit: number): Error {
  return Object.assign(new Error('request entity too large'), { name: 'PayloadTooLargeError', status: 413, statusCode: 413, expose: true, type: 'entity.too.large', expected: length, length, limit });
}
