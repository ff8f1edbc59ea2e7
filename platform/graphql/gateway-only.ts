import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { bodyDigest, GATEWAY_SIGNATURE_HEADER, gatewaySignatureFormRefusal, gatewaySignatureRefusal, type GatewayRequestKey, type GatewaySignatureRefusal } from '../auth/gateway-request-signature';
import { ErrorCode } from '../errors';
import { JSON_BODY_LIMIT_BYTES } from '../http/body-limits';
import type { Logger } from '../logging';

/** The SHA-256 of each parsed request body, taken from the bytes as they arrived. */
const digests = new WeakMap<IncomingMessage, string>();
const recordDigest = (request: IncomingMessage, _response: unknown, body: Buffer) => {
  digests.set(request, bodyDigest(body));
};

/**
 * A subgraph serves only its gateway: the token, query limits, rate limits and API version are
 * enforced there first. Every request that passes these handlers carries a signature that a
 * gateway of this platform made over it (method, path and query, body, and `signedHeaders`) with
 * the key in KEYS_DIR; anything else is refused with 401 UNAUTHENTICATED before any handler of the
 * subgraph runs. The bodies the subgraph accepts (JSON for GraphQL, forms for the SAML ACS) are
 * parsed here, once a signature of the right form and time is there, so their digest comes from
 * the bytes received.
 */
export function gatewayOnly(key: GatewayRequestKey, signedHeaders: readonly string[], logger: Logger, jsonLimitBytes = JSON_BODY_LIMIT_BYTES): RequestHandler[] {
  const refuse = (request: Request, response: Response, refusal: GatewaySignatureRefusal) => {
    logger.warn({ reason: refusal.reason, method: request.method, path: request.originalUrl.slice(0, 200), from: request.socket.remoteAddress }, 'request refused: not signed by a gateway');
    response.status(401).json({ errors: [{ message: refusal.message, extensions: { code: ErrorCode.Unauthenticated, reason: refusal.reason } }] });
  };
  const signatureOf = (request: Request) => request.header(GATEWAY_SIGNATURE_HEADER);
  return [
    // Unsigned, malformed and stale signatures are refused before the body is read.
    (request: Request, response: Response, next: NextFunction) => {
      const refusal = gatewaySignatureFormRefusal(signatureOf(request));
      if (refusal) refuse(request, response, refusal);
      else next();
    },
    express.json({ limit: jsonLimitBytes, verify: recordDigest }),
    express.urlencoded({ extended: false, limit: '1mb', verify: recordDigest }),
    (request: Request, response: Response, next: NextFunction) => {
      const refusal = gatewaySignatureRefusal(key, signedRequestOf(request, signedHeaders), signatureOf(request));
      if (refusal) refuse(request, response, refusal);
      else next();
    },
  ];
}

function signedRequestOf(request: Request, signedHeaders: readonly string[]) {
  return {
    method: request.method,
    path: request.originalUrl,
    bodyDigest: digests.get(request) ?? bodyDigest(undefined),
    headers: Object.fromEntries(signedHeaders.map((name) => [name, request.header(name)])),
  };
}
