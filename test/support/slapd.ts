import { freePort } from './spawned-process';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { generate } from 'selfsigned';

/**
 * A real OpenLDAP `slapd` for tests, on a free loopback port with its own config and database in
 * a temp folder (never the system's slapd). Debian: `apt-get install -y slapd ldap-utils`.
 *
 *   const directory = await startSlapd();          // seeded with TEST_DIRECTORY below
 *   authenticateWithLdap(directory.settings(), SERVICE_PASSWORD, 'alice', 'alice-password');
 *   await directory.stop();
 *
 * With `{ tls: true }` it also serves StartTLS and `ldaps://` with a fresh self-signed certificate
 * for 127.0.0.1 (`tlsCaCertificate` is its PEM, to trust it).
 */
export const SLAPD_BINARY = '/usr/sbin/slapd';
export const SUFFIX = 'dc=goliath,dc=test';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = 'root-secret';
export const SERVICE_DN = `cn=goliath-service,ou=services,${SUFFIX}`;
export const SERVICE_PASSWORD = 'service-secret';
export const PEOPLE_BASE = `ou=people,${SUFFIX}`;
export const GROUPS_BASE = `ou=groups,${SUFFIX}`;

export interface TestUser {
  readonly uid: string;
  readonly password: string;
  readonly cn: string;
  readonly mail: string;
  readonly groups: readonly string[];
}

/** Users (password = `<uid>-password`) and the groupOfNames each belongs to. */
export const TEST_USERS: readonly TestUser[] = [
  { uid: 'alice', password: 'alice-password', cn: 'Alice Analyst', mail: 'alice@goliath.test', groups: ['analysts', 'viewers'] },
  { uid: 'admin', password: 'admin-password', cn: 'Ada Admin', mail: 'admin@goliath.test', groups: ['admins'] },
  { uid: 'bob', password: 'bob-password', cn: 'Bob Builder', mail: 'bob@goliath.test', groups: [] },
  { uid: 'josé', password: 'josé-password', cn: 'José Núñez', mail: 'jose@goliath.test', groups: ['viewers'] },
  // Filter syntax in a real name: it must match only when typed exactly.
  { uid: 'o*(brien)', password: 'obrien-password', cn: 'Pat O Brien', mail: 'obrien@goliath.test', groups: [] },
];

export interface TestSlapd {
  readonly url: string;
  /** Only with `{ tls: true }`. */
  readonly ldapsUrl?: string;
  /** Only with `{ tls: true }`: the self-signed certificate the server presents. */
  readonly tlsCaCertificate?: string;
  readonly pid: number;
  /** Provider settings pointing at this directory with the service account. */
  settings(): {
    url: string;
    bindDn: string;
    searchBase: string;
    searchFilter: string;
    groupSearchBase: string;
    startTls: boolean;
    timeoutMs: number;
  };
  stop(): Promise<void>;
}

export interface StartSlapdOptions {
  readonly users?: readonly TestUser[];
  readonly tls?: boolean;
}

export async function startSlapd(options: StartSlapdOptions = {}): Promise<TestSlapd> {
  const users = options.users ?? TEST_USERS;
  const dir = mkdtempSync(join(tmpdir(), 'goliath-slapd-'));
  mkdirSync(join(dir, 'data'));
  const tlsCaCertificate = options.tls ? await writeSelfSignedCertificate(dir) : undefined;
  writeFileSync(join(dir, 'slapd.conf'), slapdConf(dir, tlsCaCertificate !== undefined));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = options.tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  const listeners = [url, ...(ldapsUrl ? [ldapsUrl] : [])].map((listener) => `${listener}/`).join(' ');
  // `-d 0` keeps slapd in the foreground as our child, so its pid is ours to stop.
  const child = spawn(SLAPD_BINARY, ['-f', join(dir, 'slapd.conf'), '-h', listeners, '-d', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitUntilListening(port, child, () => output);
    await seed(url, users);
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    ...(ldapsUrl ? { ldapsUrl } : {}),
    ...(tlsCaCertificate ? { tlsCaCertificate } : {}),
    pid: child.pid!,
    settings: () => ({
      url,
      bindDn: SERVICE_DN,
      searchBase: PEOPLE_BASE,
      searchFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
      groupSearchBase: GROUPS_BASE,
      startTls: false,
      timeoutMs: 3_000,
    }),
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function writeSelfSignedCertificate(dir: string): Promise<string> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  return pems.cert;
}

function slapdConf(dir: string, tls: boolean): string {
  const tlsLines = tls ? `TLSCertificateFile ${join(dir, 'cert.pem')}\nTLSCertificateKeyFile ${join(dir, 'key.pem')}\n` : '';
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${join(dir, 'slapd.pid')}
argsfile ${join(dir, 'slapd.args')}
${tlsLines}modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "${SUFFIX}"
rootdn "${ROOT_DN}"
rootpw ${ROOT_PASSWORD}
directory ${join(dir, 'data')}
# Passwords: anyone may bind with one, nobody may read one.
access to attrs=userPassword
  by anonymous auth
  by * none
# Everything else: readable once bound (the service account searches), nothing for anonymous.
access to *
  by users read
  by * none
`;
}

async function seed(url: string, users: readonly TestUser[]): Promise<void> {
  const client = new Client({ url, timeout: 5_000 });
  try {
    await client.bind(ROOT_DN, ROOT_PASSWORD);
    await client.add(SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'goliath', o: 'Goliath test' });
    for (const ou of ['people', 'groups', 'services']) {
      await client.add(`ou=${ou},${SUFFIX}`, { objectClass: 'organizationalUnit', ou });
    }
    await client.add(SERVICE_DN, {
      objectClass: ['organizationalRole', 'simpleSecurityObject'],
      cn: 'goliath-service',
      userPassword: SERVICE_PASSWORD,
    });
    for (const user of users) {
      await client.add(userDn(user.uid), {
        objectClass: 'inetOrgPerson',
        uid: user.uid,
        cn: user.cn,
        sn: user.cn.split(' ').pop()!,
        mail: user.mail,
        userPassword: user.password,
      });
    }
    for (const group of [...new Set(users.flatMap((user) => user.groups))]) {
      await client.add(`cn=${group},${GROUPS_BASE}`, {
        objectClass: 'groupOfNames',
        cn: group,
        member: users.filter((user) => user.groups.includes(group)).map((user) => userDn(user.uid)),
      });
    }
  } finally {
    await client.unbind();
  }
}

export const userDn = (uid: string) => `uid=${uid},${PEOPLE_BASE}`;


async function waitUntilListening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`slapd did not listen on ${port} within 10 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
