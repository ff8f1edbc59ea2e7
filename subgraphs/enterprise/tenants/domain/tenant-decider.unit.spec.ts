import { deciderSpec } from '../../../../test/support/decider-spec';
import type { TenantEvent } from '../../../../schema/events';
import { tenantDecider, type TenantCommand } from './tenant-decider';

const spec = deciderSpec(tenantDecider);
const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-26T11:00:00.000Z';
const created: TenantEvent = { type: 'TenantCreated', data: { tenantId: 't1', name: 'Acme', createdAt: at } };
const create = (name: string): TenantCommand => ({ type: 'CreateTenant', tenantId: 't1', name, requestedAt: at });
const rename = (name: string): TenantCommand => ({ type: 'RenameTenant', tenantId: 't1', name, requestedAt: later });

describe('tenant decider', () => {
  it('creates a tenant that does not exist yet, with the name trimmed', () => {
    spec.given([]).when(create('  Acme ')).then([created]);
  });

  it('refuses to create a tenant twice', () => {
    spec.given([created]).when(create('Acme')).thenRejects('CONFLICT');
  });

  it.each([
    ['empty', '   ', /empty/],
    ['too long', 'x'.repeat(101), /at most 100/],
    ['control characters', 'Ac\u0007me', /control characters/],
  ])('refuses a %s name', (_case, name, message) => {
    spec.given([]).when(create(name)).thenRejects('BAD_USER_INPUT', message);
  });

  it('renames an existing tenant and records the previous name', () => {
    spec
      .given([created])
      .when(rename('Acme Corp'))
      .then([{ type: 'TenantRenamed', data: { tenantId: 't1', name: 'Acme Corp', previousName: 'Acme', renamedAt: later } }]);
  });

  it('records nothing when the name does not change', () => {
    spec.given([created]).when(rename('Acme')).then([]);
  });

  it('evolves renames so the next rename sees the latest name', () => {
    const renamed: TenantEvent = { type: 'TenantRenamed', data: { tenantId: 't1', name: 'Acme Corp', previousName: 'Acme', renamedAt: later } };
    spec.given([created, renamed]).when(rename('Acme Corp')).then([]);
  });

  it('refuses to rename a tenant that does not exist', () => {
    spec.given([]).when(rename('Acme')).thenRejects('NOT_FOUND');
  });
});
