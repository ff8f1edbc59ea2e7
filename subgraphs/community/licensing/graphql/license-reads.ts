import { notFound } from '../../../../platform/errors';
import type { ReadStore } from '../../../../platform/readstore/port';
import { INVOICES_COLLECTION, LICENSES_COLLECTION, type InvoiceDocument, type LicenseDocument } from '../../../../schema/read-models/licensing';
import type { LicenseType } from '../../graphql/license-type';
import type { Invoice, InvoiceStatus } from './invoice-types';
import type { License, LicenseStatus } from './license-types';

export const licenseCollection = (readStore: ReadStore) => readStore.collection<LicenseDocument>(LICENSES_COLLECTION);
export const invoiceCollection = (readStore: ReadStore) => readStore.collection<InvoiceDocument>(INVOICES_COLLECTION);

/** A licence a command just wrote or ended, as the API shows it. */
export async function licenseNamed(readStore: ReadStore, licenseId: string): Promise<License> {
  const document = await licenseCollection(readStore).get(licenseId);
  if (!document) throw notFound('License', licenseId);
  return toLicense(document);
}

export function toLicense(document: LicenseDocument): License {
  return {
    id: document.id,
    tenantId: document.tenantId,
    algorithmId: document.algorithmId,
    version: document.version,
    licenseType: document.licenseType as LicenseType,
    status: document.status as LicenseStatus,
    price: document.price,
    currency: document.currency,
    buyerId: document.buyerId,
    invoiceId: document.invoiceId,
    issuedAt: document.issuedAt,
    endedAt: document.endedAt ?? null,
    endReason: document.endReason ?? null,
  };
}

export function toInvoice(document: InvoiceDocument): Invoice {
  return {
    id: document.id,
    tenantId: document.tenantId,
    number: document.number,
    licenseId: document.licenseId,
    algorithmId: document.algorithmId,
    version: document.version,
    lines: document.lines.map((line) => ({ ...line })),
    total: document.total,
    currency: document.currency,
    status: document.status as InvoiceStatus,
    issuedAt: document.issuedAt,
    dueAt: document.dueAt,
    creditNoteId: document.creditNoteId ?? null,
    creditedAt: document.creditedAt ?? null,
  };
}
