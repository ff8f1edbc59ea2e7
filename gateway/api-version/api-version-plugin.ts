import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiVersionSettings } from '../../platform/config';
import type { GatewayContext } from '../gateway-context';
import { API_VERSION_HEADER, negotiateApiVersion, unsupportedApiVersion } from './api-version-negotiation';
import { deprecatedUsage, type Deprecation } from './deprecated-usage';

/**
 * Serves `Goliath-Api-Version`. Every response carries the served version as a header. The body's
 * `extensions.apiVersion` and `extensions.deprecations` are added when the client asked for a
 * version, or when it used something deprecated: clients that never opted in keep receiving
 * exactly `{ data, errors }`, as they did before versions existed.
 */
export function apiVersionPlugin(settings: ApiVersionSettings): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const negotiation = negotiateApiVersion(request.http?.headers.get(API_VERSION_HEADER), settings);
      const servedVersion = negotiation.supported ? negotiation.version : settings.current;
      let deprecations: Deprecation[] = [];
      return {
        async didResolveOperation({ schema, document }) {
          if (!negotiation.supported) throw unsupportedApiVersion(negotiation.requested, settings);
          deprecations = deprecatedUsage(schema, document, settings.current);
        },
        async willSendResponse({ response }) {
          response.http.headers.set(API_VERSION_HEADER, String(servedVersion));
          const clientOptedIn = !negotiation.supported || negotiation.requestedByClient;
          if (!clientOptedIn && deprecations.length === 0) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          result.extensions = { ...result.extensions, apiVersion: servedVersion, deprecations };
        },
      };
    },
  };
}
