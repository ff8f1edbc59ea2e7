import { InvoiceResolver } from './invoice-resolver';
import { LicenseResolver } from './license-resolver';
import { PurchaseResolver } from './purchase-resolver';
import { SalesResolver } from './sales-resolver';

/** The resolver classes of the community's licensing (purchases, licences, invoices, refunds), registered by subgraphs/community/server.ts. */
export const LICENSING_RESOLVERS: Function[] = [PurchaseResolver, LicenseResolver, InvoiceResolver, SalesResolver];
