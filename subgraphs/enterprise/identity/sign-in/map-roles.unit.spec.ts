import { mapRoles } from './sign-in-service';

describe('mapping provider groups to roles', () => {
  const provider = { roleMappings: [{ group: 'quants', role: 'ANALYST' as const }, { group: 'ops', role: 'DEVELOPER' as const }], defaultRoles: ['VIEWER' as const] };

  it('gives the default roles plus the role of every group the user is in, sorted and once each', () => {
    expect(mapRoles(provider, { groups: ['ops', 'quants', 'quants', 'unmapped'] })).toEqual(['ANALYST', 'DEVELOPER', 'VIEWER']);
  });

  it('gives only the default roles to a user in no mapped group', () => {
    expect(mapRoles(provider, { groups: [] })).toEqual(['VIEWER']);
  });

  it("never gives an operator role (platform-admin, moderator), even from a stored mapping that names it, except in the operators' tenant", () => {
    const operators = { roleMappings: [{ group: 'it', role: 'PLATFORM_ADMIN' as const }, { group: 'mods', role: 'MODERATOR' as const }], defaultRoles: [] };
    expect(mapRoles(operators, { groups: ['it', 'mods'] })).toEqual([]);
    expect(mapRoles(operators, { groups: ['it', 'mods'] }, true)).toEqual(['MODERATOR', 'PLATFORM_ADMIN']);
  });
});
