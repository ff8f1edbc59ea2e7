import { readAnswer } from './graphql-answer';

describe('readAnswer', () => {
  it('gives the data of a clean answer', () => {
    expect(readAnswer(200, { data: { usageSeries: { points: [] } } })).toEqual({ kind: 'data', data: { usageSeries: { points: [] } } });
  });

  it('asks to sign in when the token is missing or refused, without any data', () => {
    const refused = { errors: [{ message: 'The token has expired.', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(readAnswer(401, refused)).toEqual({ kind: 'sign-in', message: 'The token was refused: The token has expired.' });
    expect(readAnswer(401, null)).toEqual({ kind: 'sign-in', message: 'The token was refused: not signed in.' });
  });

  it("asks to sign in as someone else when the token may not see the tenant, even beside partial data", () => {
    const answer = readAnswer(200, { data: { tenant: null }, errors: [{ message: 'Not your tenant.', extensions: { code: 'FORBIDDEN' } }] });
    expect(answer).toEqual({ kind: 'sign-in', message: "This token may not see this tenant's scaling: Not your tenant. Sign in as someone who may." });
  });

  it('reports other errors and empty answers as failures', () => {
    expect(readAnswer(200, { errors: [{ message: 'Query is too expensive.', extensions: { code: 'BAD_USER_INPUT' } }] })).toEqual({ kind: 'failed', message: 'Query is too expensive.' });
    expect(readAnswer(502, null)).toEqual({ kind: 'failed', message: 'The gateway answered HTTP 502 without data.' });
  });
});
