import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { RequestHandler } from 'express';
import { SpanAttribute } from './span-attributes';
import { contextFrom, goliathTracer } from './trace-context';

/**
 * Serves each request of the route it is mounted on in a server span, a child of the caller's
 * `traceparent` when it sends one, and runs the rest of the route inside it, so every span the
 * request starts (Apollo's, the gateway's fetches, the event store's) joins the trace and
 * `graphqlSpanPlugin` can name it. Mounted after the body is parsed: a body parser's callbacks
 * run outside the request's async context.
 */
export function serverSpans(server: string): RequestHandler {
  return (request, response, next) => {
    const parent = contextFrom(request.headers);
    // `/graphql` is a mount point (baseUrl); a REST endpoint is a route of a router mounted at the root.
    const route = request.baseUrl || request.path;
    const attributes = { [SpanAttribute.Server]: server, [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_HTTP_ROUTE]: route };
    const span = goliathTracer().startSpan(`${request.method} ${route}`, { kind: SpanKind.SERVER, attributes }, parent);
    if (span.isRecording()) {
      response.once('close', () => {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    }
    context.with(trace.setSpan(parent, span), next);
  };
}
