import { EqualityFilter, FilterParser } from 'ldapts';
import { escapeLdapFilterValue, fillLdapFilterTemplate } from './ldap-filter';

describe('escapeLdapFilterValue (RFC 4515)', () => {
  it.each([
    ['*', '\\2a'],
    ['(', '\\28'],
    [')', '\\29'],
    ['\\', '\\5c'],
    ['\0', '\\00'],
    ['admin)(uid=*', 'admin\\29\\28uid=\\2a'],
    ['*)(|(uid=*', '\\2a\\29\\28|\\28uid=\\2a'],
  ])('escapes %j as %j', (value, escaped) => {
    expect(escapeLdapFilterValue(value)).toBe(escaped);
  });

  it('keeps plain and non-ASCII text as it is (UTF-8 is valid in a filter)', () => {
    expect(escapeLdapFilterValue('alice.smith-2')).toBe('alice.smith-2');
    expect(escapeLdapFilterValue('josé 日本 🦄')).toBe('josé 日本 🦄');
  });

  it('leaves an equality filter that ldapts parses back to the very value given', () => {
    for (const value of ['*', 'admin)(uid=*', '*)(|(uid=*', 'a\0b', 'back\\slash', 'josé']) {
      const filter = FilterParser.parseString(`(uid=${escapeLdapFilterValue(value)})`);

      expect(filter).toBeInstanceOf(EqualityFilter);
      expect((filter as EqualityFilter).value).toBe(value);
    }
  });
});

describe('fillLdapFilterTemplate', () => {
  it('escapes every value it fills in and leaves unknown placeholders', () => {
    expect(fillLdapFilterTemplate('(&(member={dn})(x={other}))', { dn: 'cn=a\\,b,dc=x' })).toBe(
      '(&(member=cn=a\\5c,b,dc=x)(x={other}))',
    );
  });

  it('does not read replacement patterns in the value', () => {
    expect(fillLdapFilterTemplate('(uid={username})', { username: "$&$'$`" })).toBe("(uid=$&$'$`)");
  });
});
