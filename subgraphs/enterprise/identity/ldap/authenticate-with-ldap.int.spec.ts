import { createServer, type Server, type Socket } from 'node:net';
import { ErrorCode } from '../../../../platform/errors';
import { IdentityVerificationError } from '../verified-identity';
import { authenticateWithLdap } from './authenticate-with-ldap';
import type { LdapProviderSettings } from './ldap-provider-settings';

/** A directory that accepts connections and never answers: the sign-in must give up on time. */
describe('LDAP sign-in against a silent server', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let settings: LdapProviderSettings;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      // Reads and drops the requests, so the client's closing is seen.
      socket.resume();
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    settings = {
      url: `ldap://127.0.0.1:${port}`,
      bindDn: 'cn=service,dc=example',
      searchBase: 'dc=example',
      searchFilter: '(uid={username})',
      startTls: false,
      timeoutMs: 300,
    };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports IDENTITY_PROVIDER_UNAVAILABLE after the configured timeout and closes the connection', async () => {
    const started = Date.now();

    const error = await authenticateWithLdap(settings, 'secret', 'alice', 'password').catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(IdentityVerificationError);
    expect(error).toMatchObject({ code: ErrorCode.IdentityProviderUnavailable });
    expect(Date.now() - started).toBeLessThan(3_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets.size).toBe(0);
  });
});
