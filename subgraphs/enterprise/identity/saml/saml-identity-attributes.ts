import type { Profile } from '@node-saml/node-saml';
import type { SamlProviderSettings } from './saml-provider-settings';

/** Attribute names the big IdPs use, tried in order when the settings name none. */
const USUAL_NAMES = {
  email: ['email', 'mail', 'urn:oid:0.9.2342.19200300.100.1.3', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'],
  displayName: ['displayName', 'urn:oid:2.16.840.1.113730.3.1.241', 'http://schemas.microsoft.com/identity/claims/displayname', 'name'],
  groups: [
    'groups',
    'memberOf',
    'urn:oid:1.3.6.1.4.1.5923.1.5.1.1',
    'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    'http://schemas.xmlsoap.org/claims/Group',
  ],
} as const;

const EMAIL_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface SamlIdentityAttributes {
  readonly email?: string;
  readonly displayName?: string;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** Reads the attribute statement node-saml verified; values that are not plain text are left out. */
export function samlIdentityAttributes(profile: Profile, settings: SamlProviderSettings): SamlIdentityAttributes {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries((profile.attributes ?? {}) as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) attributes[name] = values;
  }
  const valuesOf = (kind: keyof typeof USUAL_NAMES): string[] => {
    const configured = settings.attributeNames?.[kind];
    const names: readonly string[] = configured ? [configured] : USUAL_NAMES[kind];
    return names.map((name) => attributes[name]).find((values) => values !== undefined) ?? [];
  };
  const nameIdIsEmail = profile.nameIDFormat === EMAIL_NAME_ID_FORMAT ? profile.nameID : undefined;
  return {
    email: valuesOf('email')[0] ?? nameIdIsEmail,
    displayName: valuesOf('displayName')[0],
    groups: [...new Set(valuesOf('groups'))],
    attributes,
  };
}
