/** How Goliath signs users in against one LDAP directory (OpenLDAP, Active Directory, …). */
export interface LdapProviderSettings {
  /** `ldap://host:389` or `ldaps://host:636`. */
  readonly url: string;
  /** The service account that searches the directory; its password is passed separately (a secret). */
  readonly bindDn: string;
  readonly searchBase: string;
  /** Finds the user; `{username}` is replaced by the escaped sign-in name, e.g. `(uid={username})`. */
  readonly searchFilter: string;
  /** Where groups live; defaults to `searchBase`. */
  readonly groupSearchBase?: string;
  /** `{dn}` (the user's DN) and `{username}` are replaced escaped; defaults to `(&(objectClass=groupOfNames)(member={dn}))`. */
  readonly groupFilter?: string;
  /** The group attribute that names it in `groups`; defaults to `cn`. */
  readonly groupNameAttribute?: string;
  /** Upgrade an `ldap://` connection with StartTLS before any bind. */
  readonly startTls: boolean;
  /** PEM of the CA that signed the directory's certificate, when it is not a public one. */
  readonly tlsCaCertificate?: string;
  /** Limit for connecting and for each LDAP operation. */
  readonly timeoutMs: number;
}

export const DEFAULT_GROUP_FILTER = '(&(objectClass=groupOfNames)(member={dn}))';
export const DEFAULT_GROUP_NAME_ATTRIBUTE = 'cn';
