import type { ReadStore } from '../../readstore/port';
import { OperationTenants } from './operation-tenant';
import { CALLERS_TENANT, SHARED_CONTENT, tenantArgument, tenantOwning } from './permission-table';

/** A read store holding one constraint of acme's, counting its reads. */
function readStoreWithConstraint() {
  const reads: string[] = [];
  const readStore: Pick<ReadStore, 'collection'> = {
    collection: ((name: string) => ({
      get: async (id: string) => {
        reads.push(`${name}/${id}`);
        return name === 'constraints' && id === 'c-1' ? { id, tenantId: 'acme' } : undefined;
      },
    })) as unknown as ReadStore['collection'],
  };
  return { readStore, reads };
}

describe('OperationTenants', () => {
  it('finds the tenant in the declared argument, at any depth', async () => {
    const tenants = new OperationTenants(readStoreWithConstraint().readStore);
    expect(await tenants.of(tenantArgument('tenantId'), { tenantId: 'acme' })).toBe('acme');
    expect(await tenants.of(tenantArgument('input.tenantId'), { input: { tenantId: 'globex' } })).toBe('globex');
    expect(await tenants.of(tenantArgument('input.tenantId'), { input: null })).toBeUndefined();
  });

  it('finds the owner of a referenced item, and nobody for an item that does not exist', async () => {
    const tenants = new OperationTenants(readStoreWithConstraint().readStore);
    expect(await tenants.of(tenantOwning('constraints', 'constraintId', 'Constraint'), { constraintId: 'c-1' })).toBe('acme');
    expect(await tenants.of(tenantOwning('constraints', 'constraintId', 'Constraint'), { constraintId: 'c-9' })).toBeUndefined();
  });

  it("answers the caller's own tenant (undefined) for caller and shared declarations", async () => {
    const tenants = new OperationTenants(readStoreWithConstraint().readStore);
    expect(await tenants.of(CALLERS_TENANT, { tenantId: 'acme' })).toBeUndefined();
    expect(await tenants.of(SHARED_CONTENT, { tenantId: 'acme' })).toBeUndefined();
  });

  it('looks an operation call up once, however many layers ask', async () => {
    const { readStore, reads } = readStoreWithConstraint();
    const tenants = new OperationTenants(readStore);
    const args = { constraintId: 'c-1' };
    await Promise.all([1, 2, 3].map(() => tenants.of(tenantOwning('constraints', 'constraintId', 'Constraint'), args)));
    expect(reads).toEqual(['constraints/c-1']);
  });
});
