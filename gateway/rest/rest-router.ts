import type { ApolloServer } from '@apollo/server';
import { serverSpans } from '../../platform/tracing/server-span';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../platform/errors';
import { JSON_BODY_LIMIT_BYTES } from '../../platform/http/body-limits';
import type { GatewayContext } from '../gateway-context';
import { compileEndpoint, type CompiledEndpoint } from './compile-endpoint';
import { executeThroughApollo, type RequestContext } from './execute-through-apollo';
import { httpStatusOf } from './http-status';
import { openApiDocument } from './openapi-document';
import { requestVariables } from './request-variables';
import { restAnswer } from './rest-answer';
import { REST_ENDPOINTS, type RestEndpoint } from './rest-operations';

export const OPENAPI_PATH = '/openapi.json';
const REST_ROOT = '/phase2.1';

export interface RestRouterOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The gateway's API schema, loaded by the time requests arrive. */
  readonly schema: () => GraphQLSchema;
  readonly context: RequestContext;
  /** info.version of the OpenAPI document. */
  readonly version: string;
}

/** The seed's REST paths and /openapi.json, over the gateway's GraphQL operations (gateway/rest/rest-operations.ts). */
export function restRouter(options: RestRouterOptions): Router {
  const compiledFor = new WeakMap<GraphQLSchema, { compiled: Map<RestEndpoint, CompiledEndpoint>; document: Record<string, unknown> }>();
  const current = () => {
    const schema = options.schema();
    let entry = compiledFor.get(schema);
    if (!entry) {
      const compiled = new Map(REST_ENDPOINTS.map((endpoint) => [endpoint, compileEndpoint(schema, endpoint)]));
      entry = { compiled, document: openApiDocument([...compiled.values()], options.version) };
      compiledFor.set(schema, entry);
    }
    return entry;
  };

  const router = express.Router();
  router.get(OPENAPI_PATH, (_req, res) => {
    res.json(current().document);
  });
  const json = express.json({ limit: JSON_BODY_LIMIT_BYTES });
  for (const endpoint of REST_ENDPOINTS) {
    const serve = (req: Request, res: Response) => serveEndpoint(options, current().compiled.get(endpoint)!, req, res);
    // A server span per call, as /graphql has (after the body parser: see serverSpans).
    if (endpoint.method === 'GET') router.get(endpoint.path, serverSpans('gateway'), serve);
    else router.post(endpoint.path, json, serverSpans('gateway'), serve);
  }
  router.all(`${REST_ROOT}/*rest`, (req, res) => {
    const allowed = REST_ENDPOINTS.filter((endpoint) => endpoint.path === req.path).map((endpoint) => endpoint.method);
    if (allowed.length === 0) return sendError(res, 404, ErrorCode.NotFound, `No REST endpoint ${req.path}; ${OPENAPI_PATH} lists them.`);
    res.setHeader('allow', allowed.join(', '));
    sendError(res, 405, ErrorCode.NotFound, `${req.method} ${req.path} is not served: use ${allowed.join(' or ')}.`);
  });
  // The JSON body parser's refusals (malformed JSON, too large), in the endpoints' error shape.
  router.use((error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!error.type?.startsWith('entity.')) return next(error);
    sendError(res, error.status ?? 400, ErrorCode.BadUserInput, `The body is not a JSON object the endpoint can read: ${error.message}`);
  });
  return router;
}

/** The endpoint's operation with the request's fields as its variables, answered in the REST style. */
async function serveEndpoint(options: RestRouterOptions, compiled: CompiledEndpoint, req: Request, res: Response): Promise<void> {
  const fromQuery = compiled.endpoint.method === 'GET';
  try {
    const variables = requestVariables(compiled, fromQuery ? req.query : req.body, fromQuery ? 'query' : 'body');
    const executed = await executeThroughApollo(options.apollo, options.context, req, res, { query: compiled.endpoint.document, operationName: compiled.operationName, variables });
    for (const [name, value] of executed.headers) if (name !== 'content-type' && name !== 'content-length') res.setHeader(name, value);
    const [error] = executed.result.errors ?? [];
    if (!error) {
      res.status(200).json(restAnswer(compiled, executed.result.data!));
      return;
    }
    const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    sendError(res, httpStatusOf(code, executed.status), code, error.message, error.extensions);
  } catch (error) {
    // Only the request's own refusals are thrown as GraphQL errors here; anything else is express's 500.
    if (!(error instanceof GraphQLError)) throw error;
    const code = String(error.extensions.code);
    sendError(res, httpStatusOf(code, 400), code, error.message, error.extensions);
  }
}

/** Extensions that are not news to a REST caller: the code is in the body, the status is the status. */
const NOT_DETAILS = new Set(['code', 'http', 'stacktrace']);

/** `{ error: { code, message, details? } }`: details are the GraphQL error's other extensions, unchanged. */
function sendError(res: Response, status: number, code: string, message: string, extensions: Readonly<Record<string, unknown>> = {}): void {
  const details = Object.fromEntries(Object.entries(extensions).filter(([name]) => !NOT_DETAILS.has(name)));
  res.status(status).json({ error: { code, message, ...(Object.keys(details).length > 0 && { details }) } });
}
