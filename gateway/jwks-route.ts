import type { RequestHandler } from 'express';
import type { JSONWebKeySet } from 'jose';

/** Where the gateway publishes the platform's public signing keys. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * GET /.well-known/jwks.json: every unretired public key (kid, ES256, use sig), so services
 * outside Goliath can verify platform tokens. Cached briefly: a verifier that meets an unknown
 * kid right after a rotation should fetch again (jose's createRemoteJWKSet does).
 */
export function jwksRoute(publishedKeys: () => Promise<JSONWebKeySet>): RequestHandler {
  return async (_request, response, next) => {
    try {
      const keys = await publishedKeys();
      response.set('Cache-Control', 'public, max-age=60').type('application/jwk-set+json').json(keys);
    } catch (error) {
      next(error);
    }
  };
}
