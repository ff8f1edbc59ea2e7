import { Client, ResultCodeError, type Entry } from 'ldapts';
import { ErrorCode } from '../../../../platform/errors';
import { IdentityVerificationError, type VerifiedIdentity } from '../verified-identity';
import { fillLdapFilterTemplate } from './ldap-filter';
import { DEFAULT_GROUP_FILTER, DEFAULT_GROUP_NAME_ATTRIBUTE, type LdapProviderSettings } from './ldap-provider-settings';

/** Named attributes only: asking for `*` as the service account could return `userPassword`. */
const USER_ATTRIBUTES = [
  'uid',
  'cn',
  'displayName',
  'givenName',
  'sn',
  'mail',
  'title',
  'departmentNumber',
  'ou',
  'employeeType',
];

/** One refusal for a wrong password, an unknown user and an ambiguous name: none may tell which it was. */
const invalidCredentials = () =>
  new IdentityVerificationError(
    ErrorCode.InvalidCredentials,
    'The user name or password is wrong: check both and sign in again.',
  );

const directoryUnavailable = () =>
  new IdentityVerificationError(
    ErrorCode.IdentityProviderUnavailable,
    'The LDAP directory could not be reached or did not answer in time: check the provider URL, TLS settings and the network between Goliath and the directory, then sign in again.',
  );

const serviceAccountRefused = () =>
  new IdentityVerificationError(
    ErrorCode.IdentityProviderUnavailable,
    "The LDAP directory refused Goliath's service account: an administrator must check the provider's bind DN and bind password.",
  );

/**
 * Signs a user in against a directory: bind as the service account, find exactly one entry for
 * the (escaped) user name, read its groups, then bind as that entry with the user's password.
 * The connection is always closed.
 */
export async function authenticateWithLdap(
  settings: LdapProviderSettings,
  bindPassword: string,
  username: string,
  password: string,
): Promise<VerifiedIdentity> {
  // A simple bind with an empty password is an "unauthenticated bind" (RFC 4513 §5.1.2) that
  // directories answer with success: it must never reach the server as a password check.
  if (password.length === 0 || username.length === 0) throw invalidCredentials();

  const tlsOptions = settings.tlsCaCertificate ? { ca: [settings.tlsCaCertificate] } : {};
  const implicitTls = settings.url.startsWith('ldaps://');
  const client = new Client({
    url: settings.url,
    timeout: settings.timeoutMs,
    connectTimeout: settings.timeoutMs,
    // ldapts speaks TLS from the first byte whenever it is given TLS options, even on ldap://,
    // so they go here only for ldaps:// and to startTLS otherwise.
    ...(implicitTls ? { tlsOptions } : {}),
  });
  try {
    // ldapts upgrades the socket without naming the host, and Node then checks the certificate
    // against "localhost": name the directory's host so its certificate is checked for it.
    if (settings.startTls && !implicitTls) await client.startTLS({ ...tlsOptions, host: hostOf(settings.url) });
    await bindOrRefuse(client, settings.bindDn, bindPassword, serviceAccountRefused);
    const user = await findSingleUser(client, settings, username);
    const groups = await groupNamesOf(client, settings, user.dn, username);
    await bindOrRefuse(client, user.dn, password, invalidCredentials);
    return identityOf(user, groups);
  } catch (error) {
    if (error instanceof IdentityVerificationError) throw error;
    throw directoryUnavailable();
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

async function bindOrRefuse(client: Client, dn: string, password: string, refusal: () => IdentityVerificationError) {
  if (password.length === 0) throw refusal();
  try {
    await client.bind(dn, password);
  } catch (error) {
    // The directory answered (wrong password, locked, unwilling…): a refusal, not an outage.
    if (error instanceof ResultCodeError) throw refusal();
    throw error;
  }
}

async function findSingleUser(client: Client, settings: LdapProviderSettings, username: string): Promise<Entry> {
  const { searchEntries } = await client.search(settings.searchBase, {
    scope: 'sub',
    filter: fillLdapFilterTemplate(settings.searchFilter, { username }),
    attributes: USER_ATTRIBUTES,
    // Two are enough to know the name is ambiguous (ldapts returns them instead of sizeLimitExceeded).
    sizeLimit: 2,
  });
  if (searchEntries.length !== 1) throw invalidCredentials();
  return searchEntries[0]!;
}

async function groupNamesOf(client: Client, settings: LdapProviderSettings, userDn: string, username: string): Promise<string[]> {
  const nameAttribute = settings.groupNameAttribute ?? DEFAULT_GROUP_NAME_ATTRIBUTE;
  const { searchEntries } = await client.search(settings.groupSearchBase ?? settings.searchBase, {
    scope: 'sub',
    filter: fillLdapFilterTemplate(settings.groupFilter ?? DEFAULT_GROUP_FILTER, { dn: userDn, username }),
    attributes: [nameAttribute],
  });
  return [...new Set(searchEntries.flatMap((group) => textValues(group[nameAttribute])))];
}

function identityOf(user: Entry, groups: string[]): VerifiedIdentity {
  const attributes: Record<string, readonly string[]> = {};
  for (const name of USER_ATTRIBUTES) {
    const values = textValues(user[name]);
    if (values.length > 0) attributes[name] = values;
  }
  const displayName = attributes.displayName?.[0] ?? attributes.cn?.[0];
  const email = attributes.mail?.[0];
  return {
    externalId: user.dn,
    ...(displayName === undefined ? {} : { displayName }),
    ...(email === undefined ? {} : { email }),
    groups,
    attributes,
  };
}

function textValues(value: Entry[string] | undefined): string[] {
  if (value === undefined) return [];
  const values: (Buffer | string)[] = Array.isArray(value) ? value : [value];
  return values.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item));
}
