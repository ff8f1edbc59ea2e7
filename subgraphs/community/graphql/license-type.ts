import { registerEnumType } from 'type-graphql';

/** The licence types a listing is sold under (schema/events LICENSE_TYPES), one GraphQL enum for every community area. */
export enum LicenseType {
  PERSONAL = 'PERSONAL',
  COMMERCIAL = 'COMMERCIAL',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(LicenseType, { name: 'LicenseType', description: "PERSONAL: one person's own use (the listing's `price`); COMMERCIAL: a business's use; ENTERPRISE: use across a whole organisation." });
