import { DATA_FIELDS, dataSubjectIds, type ComplianceRequest, type Requirement } from './compliance-request';

/** GDPR Art.6(1) (a)–(f). */
export const LAWFUL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;

/** Data is personal when the caller says so or when it names data subjects. */
function handlesPersonalData({ data }: ComplianceRequest): boolean {
  return data[DATA_FIELDS.personalData] === true || dataSubjectIds(data).length > 0;
}

export const GDPR_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'GDPR Art.6 lawful basis',
    framework: 'GDPR',
    evaluate(request) {
      if (!handlesPersonalData(request)) return undefined;
      const basis = request.data[DATA_FIELDS.lawfulBasis];
      if ((LAWFUL_BASES as readonly unknown[]).includes(basis)) return undefined;
      return `Personal data needs a lawful basis: set data.lawfulBasis to one of ${LAWFUL_BASES.join(', ')}.`;
    },
  },
  {
    id: 'GDPR Art.44 transfers',
    framework: 'GDPR',
    evaluate(request) {
      if (!handlesPersonalData(request)) return undefined;
      const permitted = request.tenant.permittedRegions;
      const region = request.data[DATA_FIELDS.processingRegion];
      if (typeof region !== 'string' || region.trim() === '') {
        return 'Personal data needs data.processingRegion, the region where it will be processed.';
      }
      if (permitted.includes(region.trim().toLowerCase())) return undefined;
      const allowed = permitted.length > 0 ? `permitted: ${permitted.join(', ')}` : 'the tenant permits no region yet (updateComplianceProfile permittedRegions)';
      return `Processing personal data in ${region} is not permitted for this tenant (${allowed}).`;
    },
  },
  {
    id: 'GDPR Art.17 erasure',
    framework: 'GDPR',
    evaluate({ data, erasedSubjectIds }) {
      // The count only: the check result is stored, and the ids of erased people must not be.
      const erased = dataSubjectIds(data).filter((id) => erasedSubjectIds.has(id)).length;
      if (erased === 0) return undefined;
      return `${erased} of the data subjects in data.dataSubjectIds asked to be erased; leave their data out.`;
    },
  },
];
