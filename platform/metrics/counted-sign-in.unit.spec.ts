import { GraphQLError } from 'graphql';
import { registeredValue } from '../../test/support/metric-series';
import { countedSignIn } from './counted-sign-in';

describe('counted sign-ins', () => {
  it('counts successes and failures by method, a failure with its code, and passes both on', async () => {
    // when an LDAP sign-in succeeds, one fails with INVALID_CREDENTIALS and a service account's fails with a domain error's code
    await expect(countedSignIn('ldap', async () => 'granted')).resolves.toBe('granted');
    const refused = new GraphQLError('no', { extensions: { code: 'INVALID_CREDENTIALS' } });
    await expect(countedSignIn('ldap', async () => Promise.reject(refused))).rejects.toBe(refused);
    await expect(countedSignIn('service-account', async () => Promise.reject(Object.assign(new Error('no'), { code: 'INVALID_CLIENT' })))).rejects.toThrow('no');

    // then
    expect(await registeredValue('goliath_sign_ins_total', { method: 'ldap', outcome: 'success' })).toBe(1);
    expect(await registeredValue('goliath_sign_ins_total', { method: 'ldap', outcome: 'failure', code: 'INVALID_CREDENTIALS' })).toBe(1);
    expect(await registeredValue('goliath_sign_ins_total', { method: 'service-account', outcome: 'failure', code: 'INVALID_CLIENT' })).toBe(1);
  });
});
