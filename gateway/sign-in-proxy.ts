import type { Request, Response } from 'express';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CLIENT_ADDRESS_HEADER } from '../platform/graphql/subgraph-server';

/** Request headers a SAML browser flow needs at the enterprise subgraph; nothing else is passed on. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'accept', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'location', 'cache-control', 'content-security-policy'];

/**
 * The browser side of SAML (`/auth/saml/:tenant/login|acs|metadata`) is served by the enterprise
 * subgraph, which owns identity; browsers only know the gateway, so the gateway streams these
 * requests through to it unchanged, adding the client's address for sign-in throttling.
 */
export function signInProxy(enterpriseGraphqlUrl: string) {
  const origin = new URL(enterpriseGraphqlUrl).origin;
  return (req: Request, res: Response) => {
    const target = new URL(req.originalUrl, origin);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.header(name);
      if (value) headers[name] = value;
    }
    if (req.socket.remoteAddress) headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.status(502).type('text/plain').send('The sign-in service is not reachable; try again shortly.');
    });
    req.pipe(upstream);
  };
}
