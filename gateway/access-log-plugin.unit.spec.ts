import { GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { accessLogPlugin } from './access-log-plugin';
import type { GatewayContext } from './gateway-context';

interface Logged {
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** Runs the plugin's hooks for one request as Apollo Server would, and answers what it logged and the response headers. */
async function request(context: GatewayContext, answer: { status?: number; operationName?: string; document?: string; errors?: GraphQLError[]; resultErrors?: { extensions?: Record<string, unknown> }[] }) {
  const logged: Logged[] = [];
  const plugin = accessLogPlugin({ info: ((fields: Record<string, unknown>, message: string) => logged.push({ fields, message })) as never });
  const headers = new HeaderMap();
  const hooks = await plugin.requestDidStart!({ contextValue: context } as never);
  const operation = answer.document ? (parse(answer.document).definitions[0] as OperationDefinitionNode) : undefined;
  const response = { http: { status: answer.status, headers }, body: { kind: 'single', singleResult: { errors: answer.resultErrors } } };
  await hooks!.willSendResponse!({ response, operationName: answer.operationName ?? null, operation, errors: answer.errors } as never);
  return { logged, headers };
}

describe('access log at the gateway', () => {
  const caller: GatewayContext = { correlationId: 'corr-1', auth: { subject: 'ada', roles: ['ANALYST'], tenantId: 'acme', tokenId: 't', authMethod: 'oidc' } };

  it('logs one line per request with operation, caller, tenant, status, duration and correlation id, and returns the id in a header', async () => {
    // when a signed-in caller's query is answered
    const { logged, headers } = await request(caller, { operationName: 'Problems', document: 'query Problems { problems(tenantId: "acme") { totalCount } }' });

    // then
    expect(logged).toEqual([
      {
        message: 'graphql request',
        fields: { correlationId: 'corr-1', operation: 'Problems', operationType: 'query', caller: 'ada', tenant: 'acme', status: 200, durationMs: expect.any(Number) },
      },
    ]);
    expect(headers.get('x-correlation-id')).toBe('corr-1');
  });

  it('names the error codes of a refused or failed request, and logs an anonymous one without a caller', async () => {
    const refused = await request({ correlationId: 'corr-2' }, { status: 401, errors: [new GraphQLError('no', { extensions: { code: 'UNAUTHENTICATED' } })] });
    expect(refused.logged[0].fields).toMatchObject({ caller: null, tenant: null, operation: null, status: 401, errorCodes: ['UNAUTHENTICATED'] });

    const failed = await request(caller, { operationName: 'Mine', document: 'mutation Mine { logout }', resultErrors: [{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'FORBIDDEN' } }, {}] });
    expect(failed.logged[0].fields).toMatchObject({ operationType: 'mutation', errorCodes: ['FORBIDDEN', 'INTERNAL_SERVER_ERROR'] });
  });
});
