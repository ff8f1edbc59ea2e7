import { requirementIds } from '../../../../schema/compliance';
import type { ComplianceEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { nextAuditAfter } from './audit-schedule';
import { complianceDecider, type ComplianceCommand } from './compliance-decider';

const spec = deciderSpec(complianceDecider);
const AT = '2026-01-31T09:00:00.000Z';
const LATER = '2026-05-10T09:00:00.000Z';
const OFFERED = ['SOC2', 'ISO27001', 'GDPR'] as const;

const enable = (overrides: Partial<Extract<ComplianceCommand, { type: 'EnableFramework' }>> = {}): ComplianceCommand => ({
  type: 'EnableFramework',
  tenantId: 't1',
  frameworkId: 'f1',
  frameworkType: 'GDPR',
  complianceLevel: ' certified ',
  auditSchedule: 'QUARTERLY',
  offeredFrameworks: OFFERED,
  requestedAt: AT,
  ...overrides,
});
const gdprEnabled: ComplianceEvent = {
  type: 'ComplianceFrameworkEnabled',
  data: {
    tenantId: 't1',
    frameworkId: 'f1',
    frameworkType: 'GDPR',
    complianceLevel: 'certified',
    requirements: requirementIds('GDPR'),
    auditSchedule: 'QUARTERLY',
    nextAudit: '2026-04-30T09:00:00.000Z',
    enabledAt: AT,
  },
};

describe('compliance decider', () => {
  describe('enabling a framework', () => {
    it('enables it with every requirement and the first audit one interval later', () => {
      spec.given([]).when(enable()).then([gdprEnabled]);
    });
    it('keeps the chosen requirements in catalogue order', () => {
      const [event] = complianceDecider.decide(enable({ requirements: ['GDPR Art.17 erasure', 'GDPR Art.6 lawful basis'] }), complianceDecider.initialState());
      expect(event.data).toMatchObject({ requirements: ['GDPR Art.6 lawful basis', 'GDPR Art.17 erasure'] });
    });
    it('refuses a framework the deployment does not offer, a second framework of a type, and unknown requirements', () => {
      spec.given([]).when(enable({ frameworkType: 'HIPAA' })).thenRejects('BAD_USER_INPUT', /COMPLIANCE_FRAMEWORKS/);
      spec.given([gdprEnabled]).when(enable({ frameworkId: 'f2' })).thenRejects('CONFLICT', /already enabled/);
      spec.given([]).when(enable({ requirements: ['GDPR Art.99'] })).thenRejects('BAD_USER_INPUT', /no requirement "GDPR Art.99"/);
      spec.given([]).when(enable({ requirements: [] })).thenRejects('BAD_USER_INPUT', /at least one/);
      spec.given([]).when(enable({ complianceLevel: '  ' })).thenRejects('BAD_USER_INPUT', /complianceLevel/);
    });
  });

  describe('updating a framework', () => {
    it('suspends it, and recomputes the next audit when the schedule changes', () => {
      spec
        .given([gdprEnabled])
        .when({ type: 'UpdateFramework', tenantId: 't1', frameworkId: 'f1', status: 'SUSPENDED', auditSchedule: 'ANNUAL', requestedAt: LATER })
        .then([
          {
            type: 'ComplianceFrameworkUpdated',
            data: {
              tenantId: 't1',
              frameworkId: 'f1',
              complianceLevel: 'certified',
              requirements: requirementIds('GDPR'),
              auditSchedule: 'ANNUAL',
              status: 'SUSPENDED',
              nextAudit: '2027-01-31T09:00:00.000Z',
              updatedAt: LATER,
            },
          },
        ]);
    });
    it('changes nothing when nothing differs, and refuses an unknown framework', () => {
      spec.given([gdprEnabled]).when({ type: 'UpdateFramework', tenantId: 't1', frameworkId: 'f1', status: 'ACTIVE', requestedAt: LATER }).then([]);
      spec.given([]).when({ type: 'UpdateFramework', tenantId: 't1', frameworkId: 'f1', status: 'ACTIVE', requestedAt: LATER }).thenRejects('NOT_FOUND');
    });
  });

  describe('recording an audit', () => {
    it('sets the last audit and the next from the schedule', () => {
      spec
        .given([gdprEnabled])
        .when({ type: 'RecordAudit', tenantId: 't1', frameworkId: 'f1', auditedAt: '2026-05-01T00:00:00.000Z', requestedAt: LATER })
        .then([{ type: 'ComplianceAuditRecorded', data: { tenantId: 't1', frameworkId: 'f1', lastAudit: '2026-05-01T00:00:00.000Z', nextAudit: '2026-08-01T00:00:00.000Z', recordedAt: LATER } }]);
    });
    it('refuses an audit in the future or before the last one', () => {
      spec.given([gdprEnabled]).when({ type: 'RecordAudit', tenantId: 't1', frameworkId: 'f1', auditedAt: '2027-01-01T00:00:00.000Z', requestedAt: LATER }).thenRejects('BAD_USER_INPUT', /future/);
      const audited: ComplianceEvent = { type: 'ComplianceAuditRecorded', data: { tenantId: 't1', frameworkId: 'f1', lastAudit: '2026-05-01T00:00:00.000Z', nextAudit: '2026-08-01T00:00:00.000Z', recordedAt: LATER } };
      spec.given([gdprEnabled, audited]).when({ type: 'RecordAudit', tenantId: 't1', frameworkId: 'f1', auditedAt: '2026-04-01T00:00:00.000Z', requestedAt: LATER }).thenRejects('BAD_USER_INPUT', /in order/);
    });
    it('records an audit "now" (no auditedAt) at the last audit when a concurrent one was recorded with a later now', () => {
      const later: ComplianceEvent = { type: 'ComplianceAuditRecorded', data: { tenantId: 't1', frameworkId: 'f1', lastAudit: '2026-05-01T00:00:00.050Z', nextAudit: '2026-08-01T00:00:00.050Z', recordedAt: '2026-05-01T00:00:00.050Z' } };
      spec
        .given([gdprEnabled, later])
        .when({ type: 'RecordAudit', tenantId: 't1', frameworkId: 'f1', requestedAt: '2026-05-01T00:00:00.000Z' })
        .then([{ type: 'ComplianceAuditRecorded', data: { tenantId: 't1', frameworkId: 'f1', lastAudit: '2026-05-01T00:00:00.050Z', nextAudit: '2026-08-01T00:00:00.050Z', recordedAt: '2026-05-01T00:00:00.000Z' } }]);
    });
  });

  describe('the profile', () => {
    it('records the whole profile with regions normalised and operations de-duplicated', () => {
      spec
        .given([])
        .when({
          type: 'UpdateProfile',
          tenantId: 't1',
          changes: { permittedRegions: ['EU', 'de', 'eu'], guardedOperations: ['updateConstraint', 'createProblem', 'updateConstraint'], businessAssociateAgreement: { signedBy: ' Dana ', signedAt: AT } },
          requestedAt: LATER,
        })
        .then([
          {
            type: 'ComplianceProfileUpdated',
            data: {
              tenantId: 't1',
              permittedRegions: ['de', 'eu'],
              encryptionAtRest: false,
              businessAssociateAgreement: { signedBy: 'Dana', signedAt: AT },
              changeApprovalRequired: false,
              guardedOperations: ['createProblem', 'updateConstraint'],
              privilegedOperations: [],
              updatedAt: LATER,
            },
          },
        ]);
    });
    it('changes nothing when the settings are the same, and refuses bad regions, operation names and future signatures', () => {
      spec.given([]).when({ type: 'UpdateProfile', tenantId: 't1', changes: { encryptionAtRest: false }, requestedAt: LATER }).then([]);
      spec.given([]).when({ type: 'UpdateProfile', tenantId: 't1', changes: { permittedRegions: ['eu west'] }, requestedAt: LATER }).thenRejects('BAD_USER_INPUT', /region/);
      spec.given([]).when({ type: 'UpdateProfile', tenantId: 't1', changes: { guardedOperations: ['update-constraint'] }, requestedAt: LATER }).thenRejects('BAD_USER_INPUT', /operation name/);
      spec
        .given([])
        .when({ type: 'UpdateProfile', tenantId: 't1', changes: { businessAssociateAgreement: { signedBy: 'Dana', signedAt: '2030-01-01T00:00:00.000Z' } }, requestedAt: LATER })
        .thenRejects('BAD_USER_INPUT', /future/);
    });
  });

  it('records an erasure request once per subject', () => {
    const recorded: ComplianceEvent = { type: 'ErasureRequestRecorded', data: { tenantId: 't1', subjectHash: 'h1', requestedAt: AT } };
    spec.given([]).when({ type: 'RecordErasureRequest', tenantId: 't1', subjectHash: 'h1', requestedAt: AT }).then([recorded]);
    spec.given([recorded]).when({ type: 'RecordErasureRequest', tenantId: 't1', subjectHash: 'h1', requestedAt: LATER }).then([]);
  });
});

describe('nextAuditAfter', () => {
  it('keeps the day of the month, clamped to the last day of shorter months', () => {
    expect(nextAuditAfter('2026-01-31T09:00:00.000Z', 'MONTHLY')).toBe('2026-02-28T09:00:00.000Z');
    expect(nextAuditAfter('2027-11-30T00:00:00.000Z', 'QUARTERLY')).toBe('2028-02-29T00:00:00.000Z');
    expect(nextAuditAfter('2026-08-15T00:00:00.000Z', 'SEMIANNUAL')).toBe('2027-02-15T00:00:00.000Z');
  });
});
