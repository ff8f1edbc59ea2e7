import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { dataOf, errorCodes } from '../support/gateway-client';
import { publishListingFromAnotherProcess } from '../support/sample-listing';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const LICENSE_FIELDS = 'id tenantId algorithmId version licenseType status price currency invoiceId issuedAt endedAt endReason';
const INVOICE_FIELDS = 'id tenantId number licenseId algorithmId version lines { description quantity unitPrice amount } total currency status issuedAt dueAt creditNoteId';
const PURCHASE = `mutation ($input: PurchaseAlgorithmInput!) { purchaseAlgorithm(input: $input) { ${LICENSE_FIELDS} } }`;
const LICENSES = `query ($t: ID!) { licenses(tenantId: $t) { edges { node { ${LICENSE_FIELDS} } } } }`;
const LICENSE = `query ($id: ID!) { license(id: $id) { ${LICENSE_FIELDS} } }`;
const INVOICES = `query ($t: ID!) { invoices(tenantId: $t) { edges { node { ${INVOICE_FIELDS} } } } }`;
const INVOICE = `query ($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;
const REFUND = `mutation ($id: ID!, $reason: String!) { refundLicense(licenseId: $id, reason: $reason) { ${LICENSE_FIELDS} } }`;
const SALES = 'query ($id: ID!) { algorithmSales(algorithmId: $id) { licenseType currency sold refunded revenue } }';
const REVOCATIONS = 'query ($t: ID!) { auditTrail(tenantId: $t, filter: { action: "community.revokeLicense" }) { edges { node { actor target outcome } } } }';
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeLicense(licenseId: $id, reason: $reason) { ${LICENSE_FIELDS} } }`;

interface License {
  id: string;
  tenantId: string;
  status: string;
  price: number;
  invoiceId: string;
  issuedAt: string;
  endedAt: string | null;
  endReason: string | null;
}
interface Invoice {
  id: string;
  number: string;
  total: number;
  status: string;
  issuedAt: string;
  dueAt: string;
  creditNoteId: string | null;
}

describe('purchases, licences and invoices through the gateway', () => {
  const goliath = useTestPlatform();
  let author: string;
  let buyer: string;
  let other: string;
  let buyerAdmin: string;
  let otherAdmin: string;
  let algorithmId: string;

  const purchase = (input: Record<string, unknown>, token = buyerAdmin) => goliath.call<{ purchaseAlgorithm: License }>(PURCHASE, { input: { algorithmId, licenseType: 'COMMERCIAL', ...input } }, token);

  beforeAll(async () => {
    [author, buyer, other] = await goliath.createTenants('Author Co', 'Buyer Co', 'Other Co');
    buyerAdmin = await goliath.token('TENANT_ADMIN', buyer, 'bea');
    otherAdmin = await goliath.token('TENANT_ADMIN', other, 'otto');
    algorithmId = await publishListingFromAnotherProcess(goliath, author);
    // Once the listing read model has folded it, a purchase finds it (a refused purchase stores nothing).
    await eventually(async () => expect(errorCodes(await purchase({ idempotencyKey: 'probe' }, await goliath.token('TENANT_ADMIN', author)))).toEqual(['BAD_USER_INPUT']));
  });

  it('buys once for one idempotency key: one licence at the version price, one invoice due in thirty days', async () => {
    const first = dataOf(await purchase({ idempotencyKey: 'order-1' })).purchaseAlgorithm;
    expect(first).toMatchObject({ tenantId: buyer, algorithmId, version: 1, licenseType: 'COMMERCIAL', status: 'ACTIVE', price: 250, currency: 'EUR', endedAt: null });
    const again = dataOf(await purchase({ idempotencyKey: 'order-1' })).purchaseAlgorithm;
    expect(again).toEqual(first);

    const licenses = dataOf(await goliath.call<{ licenses: { edges: { node: License }[] } }>(LICENSES, { t: buyer }, buyerAdmin)).licenses.edges.map((edge) => edge.node);
    expect(licenses).toEqual([first]);
    const invoices = dataOf(await goliath.call<{ invoices: { edges: { node: Invoice }[] } }>(INVOICES, { t: buyer }, buyerAdmin)).invoices.edges.map((edge) => edge.node);
    expect(invoices).toEqual([
      {
        id: first.invoiceId,
        tenantId: buyer,
        number: expect.stringMatching(/^INV-\d{8}-[0-9A-F]{8}$/),
        licenseId: first.id,
        algorithmId,
        version: 1,
        lines: [{ description: 'Tabu for Max-Cut, version 1: COMMERCIAL licence', quantity: 1, unitPrice: 250, amount: 250 }],
        total: 250,
        currency: 'EUR',
        status: 'ISSUED',
        issuedAt: first.issuedAt,
        dueAt: new Date(Date.parse(first.issuedAt) + 30 * 86_400_000).toISOString(),
        creditNoteId: null,
      },
    ]);
    // Every member of the buying tenant sees what it may run.
    const developer = await goliath.token('DEVELOPER', buyer);
    expect(dataOf(await goliath.call<{ license: License }>(LICENSE, { id: first.id }, developer)).license.status).toBe('ACTIVE');
  });

  it('refuses the same key for another licence type with CONFLICT, charging nothing', async () => {
    const refused = await purchase({ idempotencyKey: 'order-1', licenseType: 'ENTERPRISE' });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0].message).toContain('new key');
  });

  it('never shows a purchase, licence or invoice to another tenant', async () => {
    const license = dataOf(await purchase({ idempotencyKey: 'order-2', licenseType: 'PERSONAL' })).purchaseAlgorithm;
    const authorAdmin = await goliath.token('TENANT_ADMIN', author);
    for (const outsider of [otherAdmin, await goliath.token('AUDITOR', other), authorAdmin]) {
      expect(errorCodes(await goliath.call(LICENSES, { t: buyer }, outsider))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await goliath.call(LICENSE, { id: license.id }, outsider))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await goliath.call(INVOICES, { t: buyer }, outsider))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await goliath.call(INVOICE, { id: license.invoiceId }, outsider))).toEqual(['NOT_FOUND']);
    }
    for (const outsider of [otherAdmin, authorAdmin]) expect(errorCodes(await goliath.call(REFUND, { id: license.id, reason: 'mine now' }, outsider))).toEqual(['NOT_FOUND']);
    expect(dataOf(await goliath.call<{ licenses: { edges: unknown[] } }>(LICENSES, { t: other }, otherAdmin)).licenses.edges).toEqual([]);
    // The same idempotency key in another tenant is another purchase.
    const others = dataOf(await purchase({ idempotencyKey: 'order-2', licenseType: 'PERSONAL' }, otherAdmin)).purchaseAlgorithm;
    expect(others.id).not.toBe(license.id);
    expect(others.tenantId).toBe(other);
  });

  it('refunds a licence: it ends, its invoice is credited, and a second refund is a CONFLICT', async () => {
    const license = dataOf(await purchase({ idempotencyKey: 'order-3' })).purchaseAlgorithm;
    const refunded = dataOf(await goliath.call<{ refundLicense: License }>(REFUND, { id: license.id, reason: 'bought the wrong type' }, buyerAdmin)).refundLicense;
    expect(refunded).toMatchObject({ id: license.id, status: 'REFUNDED', endedAt: expect.any(String), endReason: 'bought the wrong type' });
    const invoice = dataOf(await goliath.call<{ invoice: Invoice }>(INVOICE, { id: license.invoiceId }, await goliath.token('AUDITOR', buyer))).invoice;
    expect(invoice).toMatchObject({ status: 'CREDITED', creditNoteId: expect.any(String) });
    expect(errorCodes(await goliath.call(REFUND, { id: license.id, reason: 'again' }, buyerAdmin))).toEqual(['CONFLICT']);
  });

  it("lets a moderator revoke a licence whose terms were broken, in any tenant, recorded in the buyer's and the operators' trails; the buyer's admin cannot", async () => {
    const license = dataOf(await purchase({ idempotencyKey: 'order-4' })).purchaseAlgorithm;
    expect(errorCodes(await goliath.call(REVOKE, { id: license.id, reason: 'not mine to revoke' }, buyerAdmin))).toEqual(['FORBIDDEN']);
    const [operators] = await goliath.createTenants('Operators');
    const moderator = await goliath.token('MODERATOR', operators, 'mo');
    const revoked = dataOf(await goliath.call<{ revokeLicense: License }>(REVOKE, { id: license.id, reason: 'recipe redistributed' }, moderator)).revokeLicense;
    expect(revoked).toMatchObject({ status: 'REVOKED', endReason: 'recipe redistributed' });
    expect(dataOf(await goliath.call<{ license: License }>(LICENSE, { id: license.id }, buyerAdmin)).license.status).toBe('REVOKED');
    expect(errorCodes(await goliath.call(REVOKE, { id: license.id, reason: 'twice' }, moderator))).toEqual(['CONFLICT']);
    for (const trail of [buyer, operators]) {
      await eventually(async () => {
        const entries = dataOf(await goliath.call<{ auditTrail: { edges: { node: { actor: string; target: string; outcome: string } }[] } }>(REVOCATIONS, { t: trail })).auditTrail.edges;
        expect(entries.map((edge) => edge.node).filter((entry) => entry.outcome === 'success')).toEqual([{ actor: 'mo', target: license.id, outcome: 'success' }]);
      });
    }
  });

  it("refuses buyers who may not spend the tenant's money, a caller without a tenant, and the listing's own tenant", async () => {
    for (const role of ['VIEWER', 'DEVELOPER'] as const) {
      expect(errorCodes(await purchase({ idempotencyKey: `by-${role}` }, await goliath.token(role, buyer)))).toEqual(['FORBIDDEN']);
    }
    const withoutTenant = await purchase({ idempotencyKey: 'by-platform' }, goliath.admin);
    expect(errorCodes(withoutTenant)).toEqual(['BAD_USER_INPUT']);
    expect(withoutTenant.errors?.[0].message).toContain('sign in as an admin of the tenant');
    const own = await purchase({ idempotencyKey: 'own' }, await goliath.token('TENANT_ADMIN', author));
    expect(errorCodes(own)).toEqual(['BAD_USER_INPUT']);
    expect(own.errors?.[0].message).toContain('owns');
    expect(errorCodes(await purchase({ idempotencyKey: 'x'.repeat(201) }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await purchase({ idempotencyKey: 'ghost', algorithmId: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(dataOf(await goliath.call<{ licenses: { edges: unknown[] } }>(LICENSES, { t: author }, goliath.admin)).licenses.edges).toEqual([]);
  });

  it("shows the listing's author its sales per licence type, refunds taken off, without the buyers; nobody else sees them", async () => {
    const sales = dataOf(await goliath.call<{ algorithmSales: unknown[] }>(SALES, { id: algorithmId }, await goliath.token('DEVELOPER', author))).algorithmSales;
    expect(sales).toEqual([
      { licenseType: 'PERSONAL', currency: 'EUR', sold: 2, refunded: 0, revenue: 100 },
      { licenseType: 'COMMERCIAL', currency: 'EUR', sold: 3, refunded: 1, revenue: 500 },
    ]);
    expect(errorCodes(await goliath.call(SALES, { id: algorithmId }, buyerAdmin))).toEqual(['NOT_FOUND']);
  });
});

describe('licensing with the marketplace switched off', () => {
  const goliath = useTestPlatform({ env: { MARKETPLACE_ENABLED: 'false' } });

  it('answers FEATURE_DISABLED to purchases, licences and invoices', async () => {
    const [tenant] = await goliath.createTenants('Acme');
    const admin = await goliath.token('TENANT_ADMIN', tenant);
    expect(errorCodes(await goliath.call(PURCHASE, { input: { algorithmId: randomUUID(), licenseType: 'PERSONAL', idempotencyKey: 'k' } }, admin))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call(LICENSES, { t: tenant }, admin))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call(INVOICES, { t: tenant }, admin))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call(LICENSE, { id: randomUUID() }, admin))).toEqual(['FEATURE_DISABLED']);
  });
});
