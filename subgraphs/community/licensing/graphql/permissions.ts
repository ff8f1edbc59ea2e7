import { ROLES, type Role } from '../../../../platform/auth/auth-context';
import { CALLERS_TENANT, permit, tenantArgument, tenantOwning, type PermissionTable } from '../../../../platform/graphql/permissions/permission-table';
import { INVOICES_COLLECTION, LICENSES_COLLECTION } from '../../../../schema/read-models/licensing';
import { ALGORITHM_LISTINGS_COLLECTION } from '../../../../schema/read-models/marketplace';

/** Purchases and refunds spend the tenant's money: its admins decide them. */
const BUYERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];
/** Invoices are for those who answer for the tenant's spending and those who check it. */
const INVOICE_READERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];
/** Those of the author's tenant who follow how its listings sell. */
const SALES_READERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];
/** Who ends a licence whose terms were broken. */
const LICENSE_REVOKERS: readonly Role[] = ['PLATFORM_ADMIN', 'MODERATOR'];

/**
 * Who may call each operation of the community's licensing (purchases, licences, invoices, refunds).
 * Licences and invoices belong to the buyer's tenant and no other tenant sees them.
 */
export const LICENSING_PERMISSIONS = {
  // The buyer is always the caller's own tenant.
  'Mutation.purchaseAlgorithm': permit(BUYERS, CALLERS_TENANT),
  'Mutation.refundLicense': permit(BUYERS, tenantOwning(LICENSES_COLLECTION, 'licenseId', 'License')),
  // Moderators hold their role in the operators' tenant and act on licences of every tenant.
  'Mutation.revokeLicense': permit(LICENSE_REVOKERS, CALLERS_TENANT),
  // Every member of the tenant sees what the tenant may run.
  'Query.licenses': permit(ROLES, tenantArgument('tenantId')),
  'Query.license': permit(ROLES, tenantOwning(LICENSES_COLLECTION, 'id', 'License')),
  'Query.invoices': permit(INVOICE_READERS, tenantArgument('tenantId')),
  'Query.invoice': permit(INVOICE_READERS, tenantOwning(INVOICES_COLLECTION, 'id', 'Invoice')),
  // The listing's owner, the author's tenant, sees its sales; buyers stay unnamed.
  'Query.algorithmSales': permit(SALES_READERS, tenantOwning(ALGORITHM_LISTINGS_COLLECTION, 'algorithmId', 'Algorithm')),
} satisfies PermissionTable;
