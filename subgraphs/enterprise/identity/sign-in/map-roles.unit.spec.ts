import { mapRoles } from './sign-in-service';

describe('mapping provider groups to roles', () => {
  const provider = { roleMappings: [{ group: 'quants', role: 'analyst' as const }, { group: 'ops', role: 'developer' as const }], defaultRoles: ['viewer' as const] };

  it('gives the default roles plus the role of every group the user is in, sorted and once each', () => {
    expect(mapRoles(provider, { groups: ['ops', 'quants', 'quants', 'unmapped'] })).toEqual(['analyst', 'developer', 'viewer']);
  });

  it('gives only the default roles to a user in no mapped group', () => {
    expect(mapRoles(provider, { groups: [] })).toEqual(['viewer']);
  });

  it("never gives platform-admin, even from a stored mapping that names it, except in the operators' tenant", () => {
    const operators = { roleMappings: [{ group: 'it', role: 'platform-admin' as const }], defaultRoles: [] };
    expect(mapRoles(operators, { groups: ['it'] })).toEqual([]);
    expect(mapRoles(operators, { groups: ['it'] }, true)).toEqual(['platform-admin']);
  });
});
