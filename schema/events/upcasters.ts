import type { Role } from '../../platform/auth/auth-context';
import type { Upcaster } from '../../platform/eventstore/upcasting';
import type { IdentityProviderConfigured, IdentityProviderDefinition, RoleGranted, RoleRevoked, UserProviderRolesSynchronized } from './identity-events';
import type { ConstraintAdded, ConstraintDefinition, ConstraintUpdated, ProblemCreated, QuboDefinition, QuboOptimized } from './optimization-events';
import type { SessionStarted } from './session-events';
import type { ResourceUsageRecorded, ResourceUsageRecordedV1, SolveJobCompleted, SolveJobProgressed, SolveJobProgressedV1, SolveJobRequest, SolveJobStarted, SolveJobStartedV1, SolveJobSubmitted } from './solve-job-events';

/**
 * SolveJobStarted v1 had no lease: a v1 start counts as held by no known runner and expired at
 * once, which is what a job found RUNNING after a restart was treated as before leases existed.
 */
const solveJobStartedV1ToV2: Upcaster<SolveJobStartedV1, SolveJobStarted['data']> = {
  eventType: 'SolveJobStarted',
  fromVersion: 1,
  upcast: (data) => ({ ...data, runner: 'unknown', leaseExpiresAt: data.startedAt }),
};

/** SolveJobProgressed v1 did not name its attempt; 0 stands for "not recorded". */
const solveJobProgressedV1ToV2: Upcaster<SolveJobProgressedV1, SolveJobProgressed['data']> = {
  eventType: 'SolveJobProgressed',
  fromVersion: 1,
  upcast: (data) => ({ ...data, attempt: 0 }),
};

/** ResourceUsageRecorded v1 was written by solve jobs only, naming the job as `jobId`. */
const resourceUsageRecordedV1ToV2: Upcaster<ResourceUsageRecordedV1, ResourceUsageRecorded['data']> = {
  eventType: 'ResourceUsageRecorded',
  fromVersion: 1,
  upcast: ({ jobId, ...data }) => ({ ...data, solveId: jobId, solveKind: 'SOLVE_JOB' }),
};

/*
 * Version 3 of the events carrying constraint definitions records how each penalty weight was
 * chosen (`penaltyMethod`, and `previousPenaltyMethod` on an update). Every weight stored before
 * was the client's own number: MANUAL. Version 2 is their shape without these fields.
 */
type ConstraintDefinitionV2 = Omit<ConstraintDefinition, 'penaltyMethod'>;
type ConstraintAddedV2 = Omit<ConstraintAdded['data'], 'constraint'> & { readonly constraint: ConstraintDefinitionV2 };
type ConstraintUpdatedV2 = Omit<ConstraintUpdated['data'], 'constraint' | 'previousPenaltyMethod'> & { readonly constraint: ConstraintDefinitionV2 };
type SolveJobRequestV3 = Omit<SolveJobRequest, 'algorithm'>;
type SolveJobSubmittedV3 = Omit<SolveJobSubmitted['data'], 'request'> & { readonly request: SolveJobRequestV3 };
type SolveJobRequestV2 = Omit<SolveJobRequestV3, 'constraints'> & { readonly constraints: readonly ConstraintDefinitionV2[] };
type SolveJobSubmittedV2 = Omit<SolveJobSubmitted['data'], 'request'> & { readonly request: SolveJobRequestV2 };

const manual = (stored: ConstraintDefinitionV2): ConstraintDefinition => ({ ...stored, penaltyMethod: 'MANUAL' });

/** Lifts one event type from version 2 to 3, its constraint definitions given their `penaltyMethod` by `record`. */
function penaltyMethodAtVersion3<From, To>(eventType: string, record: (data: From) => To): Upcaster<From, To> {
  return { eventType, fromVersion: 2, upcast: record };
}

const penaltyMethodUpcasters = [
  penaltyMethodAtVersion3('ConstraintAdded', (data: ConstraintAddedV2): ConstraintAdded['data'] => ({ ...data, constraint: manual(data.constraint) })),
  penaltyMethodAtVersion3(
    'ConstraintUpdated',
    (data: ConstraintUpdatedV2): ConstraintUpdated['data'] => ({ ...data, constraint: manual(data.constraint), previousPenaltyMethod: 'MANUAL' }),
  ),
  penaltyMethodAtVersion3(
    'SolveJobSubmitted',
    (data: SolveJobSubmittedV2): SolveJobSubmittedV3 => ({ ...data, request: { ...data.request, constraints: data.request.constraints.map(manual) } }),
  ),
];

/** SolveJobSubmitted version 4 names the marketplace algorithm a job runs; every job before ran none. */
const solveJobSubmittedV3ToV4: Upcaster<SolveJobSubmittedV3, SolveJobSubmitted['data']> = {
  eventType: 'SolveJobSubmitted',
  fromVersion: 3,
  upcast: (data) => ({ ...data, request: { ...data.request, algorithm: null } }),
};

/*
 * Version 1 of the events below wrote enum values in spellings of their own; version 2 writes them
 * as the API's enums name them, so stored JSON, read models and answers agree. Each table maps a
 * version-1 spelling to its name.
 */
const ROLE_V1 = {
  'platform-admin': 'PLATFORM_ADMIN',
  'tenant-admin': 'TENANT_ADMIN',
  analyst: 'ANALYST',
  developer: 'DEVELOPER',
  auditor: 'AUDITOR',
  viewer: 'VIEWER',
} as const satisfies Readonly<Record<string, Role>>;
const SENSE_V1 = { minimize: 'MINIMIZE', maximize: 'MAXIMIZE' } as const satisfies Readonly<Record<string, QuboDefinition['sense']>>;
const KIND_V1 = {
  linear_equality: 'LINEAR_EQUALITY',
  linear_inequality: 'LINEAR_INEQUALITY',
  one_hot: 'ONE_HOT',
  at_most_k: 'AT_MOST_K',
  custom_penalty: 'CUSTOM_PENALTY',
} as const satisfies Readonly<Record<string, ConstraintDefinition['kind']>>;
const RELATION_V1 = { '<=': 'LESS_OR_EQUAL', '>=': 'GREATER_OR_EQUAL' } as const satisfies Readonly<Record<string, NonNullable<ConstraintDefinition['relation']>>>;
const STRATEGY_V1 = { sa: 'SA', tabu: 'TABU', auto: 'AUTO' } as const satisfies Readonly<Record<string, SolveJobRequest['strategy']>>;

type RoleV1 = keyof typeof ROLE_V1;
/** The strategy that ran: AUTO resolved. */
type KernelStrategyV1 = Exclude<keyof typeof STRATEGY_V1, 'auto'>;
type QuboDefinitionV1 = Omit<QuboDefinition, 'sense'> & { readonly sense: keyof typeof SENSE_V1 };
type ConstraintDefinitionV1 = Omit<ConstraintDefinitionV2, 'kind' | 'relation'> & { readonly kind: keyof typeof KIND_V1; readonly relation?: keyof typeof RELATION_V1 };
type IdentityProviderDefinitionV1 = Omit<IdentityProviderDefinition, 'roleMappings' | 'defaultRoles'> & {
  readonly roleMappings: readonly { readonly group: string; readonly role: RoleV1 }[];
  readonly defaultRoles: readonly RoleV1[];
};
type SolveJobRequestV1 = Omit<SolveJobRequestV2, 'qubo' | 'constraints' | 'strategy'> & {
  readonly qubo: QuboDefinitionV1;
  readonly constraints: readonly ConstraintDefinitionV1[];
  readonly strategy: keyof typeof STRATEGY_V1;
};
/** `Data` of version 1: `Data` with the fields named in `V1` in their version-1 shape. */
type AtV1<Data, V1> = Omit<Data, keyof V1> & V1;

const role = (stored: RoleV1): Role => ROLE_V1[stored];
const qubo = (stored: QuboDefinitionV1): QuboDefinition => ({ ...stored, sense: SENSE_V1[stored.sense] });
const constraint = ({ kind, relation, ...rest }: ConstraintDefinitionV1): ConstraintDefinitionV2 => ({
  ...rest,
  kind: KIND_V1[kind],
  ...(relation !== undefined && { relation: RELATION_V1[relation] }),
});

/** Lifts one event type from version 1 to 2, its data re-spelled by `respell`. */
function respelledAtVersion2<From, To>(eventType: string, respell: (data: From) => To): Upcaster<From, To> {
  return { eventType, fromVersion: 1, upcast: respell };
}

/** IdentityProviderConfigured and IdentityProviderReconfigured carry the same data. */
const providerDefinition = (data: AtV1<IdentityProviderConfigured['data'], IdentityProviderDefinitionV1>): IdentityProviderConfigured['data'] => ({
  ...data,
  roleMappings: data.roleMappings.map((mapping) => ({ ...mapping, role: role(mapping.role) })),
  defaultRoles: data.defaultRoles.map(role),
});

const respelledEnumUpcasters = [
  respelledAtVersion2('IdentityProviderConfigured', providerDefinition),
  respelledAtVersion2('IdentityProviderReconfigured', providerDefinition),
  respelledAtVersion2(
    'UserProviderRolesSynchronized',
    (data: AtV1<UserProviderRolesSynchronized['data'], { readonly roles: readonly RoleV1[] }>): UserProviderRolesSynchronized['data'] => ({ ...data, roles: data.roles.map(role) }),
  ),
  respelledAtVersion2('RoleGranted', (data: AtV1<RoleGranted['data'], { readonly role: RoleV1 }>): RoleGranted['data'] => ({ ...data, role: role(data.role) })),
  respelledAtVersion2('RoleRevoked', (data: AtV1<RoleRevoked['data'], { readonly role: RoleV1 }>): RoleRevoked['data'] => ({ ...data, role: role(data.role) })),
  respelledAtVersion2('SessionStarted', (data: AtV1<SessionStarted['data'], { readonly roles: readonly RoleV1[] }>): SessionStarted['data'] => ({ ...data, roles: data.roles.map(role) })),
  respelledAtVersion2('ProblemCreated', (data: AtV1<ProblemCreated['data'], { readonly definition: QuboDefinitionV1 }>): ProblemCreated['data'] => ({ ...data, definition: qubo(data.definition) })),
  respelledAtVersion2(
    'ConstraintAdded',
    (data: AtV1<ConstraintAddedV2, { readonly constraint: ConstraintDefinitionV1 }>): ConstraintAddedV2 => ({ ...data, constraint: constraint(data.constraint) }),
  ),
  respelledAtVersion2(
    'ConstraintUpdated',
    (data: AtV1<ConstraintUpdatedV2, { readonly constraint: ConstraintDefinitionV1 }>): ConstraintUpdatedV2 => ({ ...data, constraint: constraint(data.constraint) }),
  ),
  respelledAtVersion2('QuboOptimized', (data: AtV1<QuboOptimized['data'], { readonly strategy: KernelStrategyV1 }>): QuboOptimized['data'] => ({ ...data, strategy: STRATEGY_V1[data.strategy] })),
  respelledAtVersion2(
    'SolveJobSubmitted',
    (data: AtV1<SolveJobSubmittedV2, { readonly request: SolveJobRequestV1 }>): SolveJobSubmittedV2 => ({
      ...data,
      request: { ...data.request, qubo: qubo(data.request.qubo), constraints: data.request.constraints.map(constraint), strategy: STRATEGY_V1[data.request.strategy] },
    }),
  ),
  respelledAtVersion2(
    'SolveJobCompleted',
    (data: AtV1<SolveJobCompleted['data'], { readonly strategy: KernelStrategyV1 }>): SolveJobCompleted['data'] => ({ ...data, strategy: STRATEGY_V1[data.strategy] }),
  ),
];

/**
 * Every upcaster of the domain's events. When a stored event type changes shape, raise its version
 * in its `*_EVENT_VERSIONS` map and add the upcaster from the old version here; the registry built
 * from this list (app/event-upcasters.ts) refuses to start while a raised version has none.
 */
export const EVENT_UPCASTERS: readonly Upcaster[] = [
  solveJobStartedV1ToV2 as Upcaster,
  solveJobProgressedV1ToV2 as Upcaster,
  resourceUsageRecordedV1ToV2 as Upcaster,
  ...(respelledEnumUpcasters as Upcaster[]),
  ...(penaltyMethodUpcasters as Upcaster[]),
  solveJobSubmittedV3ToV4 as Upcaster,
];
