import { answerSchemaPath, openApiValidators } from '../../gateway/rest/test-support/openapi-validator';
import type { TestPlatform } from './test-platform';

export interface RestAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** JSON as the endpoint answered it (checked against /openapi.json). */
  readonly body: any;
}

export type RestCall = (method: 'GET' | 'POST', path: string, fields?: Record<string, unknown>, token?: string | null) => Promise<RestAnswer>;

/**
 * Calls the gateway's REST endpoints as a seed client would (JSON body on POST, query string on
 * GET; as `admin` unless a token is given, `null` sends none), and fails the test when an answer
 * does not meet the schema /openapi.json gives it.
 */
export function restClient(goliath: TestPlatform): RestCall {
  let validators: Promise<ReturnType<typeof openApiValidators>> | undefined;
  const origin = () => new URL(goliath.platform.gatewayUrl).origin;
  return async (method, path, fields = {}, token = goliath.admin) => {
    validators ??= fetch(`${origin()}/openapi.json`).then(async (response) => openApiValidators((await response.json()) as object));
    const parameters = Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, String(item)]));
    const query = method === 'GET' ? `?${new URLSearchParams(parameters)}` : '';
    const response = await fetch(`${origin()}${path}${query}`, {
      method,
      headers: { ...(method === 'POST' && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
      body: method === 'POST' ? JSON.stringify(fields) : undefined,
    });
    const body = await response.json();
    const validate = (await validators)(...answerSchemaPath(path, method, response.status));
    if (!validate(body)) throw new Error(`${method} ${path} answered ${response.status} with a body /openapi.json does not describe: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`);
    return { status: response.status, headers: response.headers, body };
  };
}
