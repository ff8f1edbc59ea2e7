/**
 * Escapes a value for an LDAP search filter (RFC 4515 §3): `*`, `(`, `)`, `\` and NUL become `\2a`,
 * `\28`, `\29`, `\5c`, `\00`, so user input can only ever be compared, never add wildcards or clauses.
 * Other characters, non-ASCII included, stay as UTF-8, which the RFC allows; ldapts would decode
 * `\hh` escapes of multi-byte characters byte by byte into the wrong text.
 */
export function escapeLdapFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Fills the `{name}` slots of a configured filter template with escaped values. A function
 * replacer, so `$&` and friends in the value are not read as replacement patterns.
 */
export function fillLdapFilterTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in values ? escapeLdapFilterValue(values[name]!) : slot,
  );
}
