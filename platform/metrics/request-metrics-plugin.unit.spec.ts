import { GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { registeredValue } from '../../test/support/metric-series';
import { registry } from './metrics';
import { gatewayRequestMetrics, subgraphRequestMetrics } from './request-metrics-plugin';

interface Answer {
  readonly status?: number;
  readonly document?: string;
  readonly errors?: GraphQLError[];
  readonly resultErrors?: { extensions?: Record<string, unknown> }[];
}

/** Runs the plugin's hooks for one request as Apollo Server would. */
async function answer(plugin: ApolloServerPlugin<BaseContext>, { status, document, errors, resultErrors }: Answer): Promise<void> {
  const hooks = await plugin.requestDidStart!({ contextValue: {} } as never);
  const operation = document ? (parse(document).definitions[0] as OperationDefinitionNode) : undefined;
  const response = { http: { status, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: resultErrors } } };
  await hooks!.willSendResponse!({ response, operationName: operation ? (operation.name?.value ?? null) : undefined, operation, errors } as never);
}

describe('request metrics', () => {
  beforeEach(() => registry.resetMetrics());

  it('counts and times the gateway\'s requests per operation, anonymous and unresolved ones grouped', async () => {
    // given the gateway's plugin
    const plugin = gatewayRequestMetrics();

    // when a named query is answered twice, an anonymous one once, and an unparsable request is refused
    await answer(plugin, { document: 'query Problems { problems { totalCount } }' });
    await answer(plugin, { document: 'query Problems { problems { totalCount } }' });
    await answer(plugin, { document: '{ tenants { id } }' });
    await answer(plugin, { status: 400, errors: [new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] });

    // then
    expect(await registeredValue('goliath_gateway_requests_total', { operation: 'Problems', operation_type: 'query', status: '200' })).toBe(2);
    expect(await registeredValue('goliath_gateway_requests_total', { operation: '__anonymous', operation_type: 'query', status: '200' })).toBe(1);
    expect(await registeredValue('goliath_gateway_requests_total', { operation: '__unknown', operation_type: 'unknown', status: '400' })).toBe(1);
    expect(await registeredValue('goliath_gateway_request_duration_seconds_count', { operation: 'Problems', operation_type: 'query' })).toBe(2);
    expect(await registeredValue('goliath_gateway_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
  });

  it('counts each error code once per request, and an error without a code as INTERNAL_SERVER_ERROR', async () => {
    // when one mutation answers two FORBIDDEN errors and one without a code
    await answer(gatewayRequestMetrics(), { document: 'mutation Mine { logout }', resultErrors: [{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'FORBIDDEN' } }, {}] });

    // then
    expect(await registeredValue('goliath_gateway_errors_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(await registeredValue('goliath_gateway_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
  });

  it('counts a subgraph\'s requests and errors under its name', async () => {
    // when the optimization subgraph answers a query with NOT_FOUND
    await answer(subgraphRequestMetrics('optimization'), { document: 'query Problems__optimization__0 { problem(id: "x") { id } }', resultErrors: [{ extensions: { code: 'NOT_FOUND' } }] });

    // then
    expect(await registeredValue('goliath_subgraph_requests_total', { subgraph: 'optimization', operation_type: 'query', status: '200' })).toBe(1);
    expect(await registeredValue('goliath_subgraph_request_duration_seconds_count', { subgraph: 'optimization' })).toBe(1);
    expect(await registeredValue('goliath_subgraph_errors_total', { subgraph: 'optimization', code: 'NOT_FOUND' })).toBe(1);
    expect(await registeredValue('goliath_gateway_requests_total', {})).toBe(0);
  });
});
