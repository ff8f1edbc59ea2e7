import { inBatches } from '../support/in-batches';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from 'graphql';
import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Role } from '../../platform/auth/auth-context';
import { issuePlatformToken } from '../../platform/auth/platform-token';
import { SigningKeyRing } from '../../platform/auth/signing-key-ring';
import type { SubgraphName } from '../../platform/config';
import { readSupergraph } from '../../schema/supergraph';
import { collect, dataOf, type GraphQLResponse } from '../support/gateway-client';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer';
import { rawRequest, signInRouteAttacks } from '../support/sign-in-route-attacks';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(180_000);

/** Every name the attacker acts or signs in under contains this; so does every string it sends. */
const ATTACKER = 'mallory';
const HOME_ROLES: readonly Role[] = ['TENANT_ADMIN', 'ANALYST', 'DEVELOPER', 'AUDITOR', 'VIEWER'];
const SUPERGRAPH_SDL = readSupergraph();
const SUPERGRAPH = buildASTSchema(parse(SUPERGRAPH_SDL), { assumeValidSDL: true });

/** The victim tenant's items, so that attempts name them, not made-up ids. */
interface Victim {
  readonly tenantId: string;
  readonly problemId: string;
  readonly constraintId: string;
  readonly solveJobId: string;
  readonly providerId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly frameworkId: string;
  readonly approvalId: string;
}

/** One mutation of the supergraph, with every argument that can name a tenant or its items aimed at the victim. */
interface Attempt {
  readonly mutation: string;
  readonly subgraph: SubgraphName;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

interface Caller {
  readonly name: string;
  readonly token?: string;
}

interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
  readonly details: { readonly attemptedTenantId?: string };
}

/** Arguments (and input fields) that name the victim or one of its items; `mutation.argument` where a bare name is ambiguous. */
const VICTIM_ARGUMENTS: Record<string, keyof Victim> = {
  tenantId: 'tenantId',
  problemId: 'problemId',
  constraintId: 'constraintId',
  sessionId: 'sessionId',
  userId: 'userId',
  providerId: 'providerId',
  frameworkId: 'frameworkId',
  approvalId: 'approvalId',
  'renameTenant.id': 'tenantId',
  'cancelSolveJob.id': 'solveJobId',
};

let strings = 0;
const attackerString = () => `${ATTACKER}-${++strings}`;

/** A value of `type` that the schema accepts, aimed at the victim wherever the argument names a tenant or an item. */
function valueOf(type: GraphQLInputType, path: string, name: string, victim: Victim): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, path, name, victim);
  if (isListType(type)) return [valueOf(type.ofType, path, name, victim)];
  const aimed = VICTIM_ARGUMENTS[path] ?? VICTIM_ARGUMENTS[name];
  if (aimed) return victim[aimed];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || field.name in VICTIM_ARGUMENTS);
    return Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, `${path}.${field.name}`, field.name, victim)]));
  }
  switch (type.name) {
    case 'Int':
    case 'SafeInt':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return randomUUID();
    case 'DateTime':
      return new Date().toISOString();
    case 'JSON':
      return { note: attackerString(), attemptedTenantId: 'spoofed', tenantId: victim.tenantId };
    default:
      return attackerString();
  }
}

/** The subgraph that serves each mutation, from the supergraph's `@join__field(graph: …)`. */
function owningSubgraphs(): Record<string, SubgraphName> {
  const mutationType = parse(SUPERGRAPH_SDL).definitions.find((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Mutation');
  return Object.fromEntries(
    (mutationType?.fields ?? []).map((field) => {
      const graph = field.directives?.find((directive) => directive.name.value === 'join__field')?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
      return [field.name.value, (graph && graph.kind === Kind.ENUM ? graph.value : (graph as StringValueNode | undefined)?.value ?? '').toLowerCase() as SubgraphName];
    }),
  );
}

/** Every mutation of the supergraph, each aimed at the victim: the class of "a call naming another tenant". */
function attemptsOn(victim: Victim): Attempt[] {
  const owners = owningSubgraphs();
  return Object.values(SUPERGRAPH.getMutationType()!.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const args = field.args.filter((argument) => isNonNullType(argument.type) || `${field.name}.${argument.name}` in VICTIM_ARGUMENTS || argument.name in VICTIM_ARGUMENTS);
    const variables = Object.fromEntries(args.map((argument) => [argument.name, valueOf(argument.type, `${field.name}.${argument.name}`, argument.name, victim)]));
    const declarations = args.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(', ');
    const call = args.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return {
      mutation: field.name,
      subgraph: owners[field.name],
      query: `mutation${declarations ? ` (${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
      variables,
    };
  });
}

/**
 * Issue 9 §4: no caller can place an audit entry in a tenant it does not belong to, by any
 * route. A tenant's users of every role, a token with a `system:` subject, a forged
 * platform-admin token and no token at all try every mutation of the supergraph aimed at another
 * tenant (its id, its problem, constraint, job, provider, user, session, framework, approval), sign-ins
 * to it, through the gateway, straight to the subgraphs, through the SAML routes and over the
 * WebSocket. Then every trail is read: the other tenants hold nothing of the attacker's but the
 * record of a refused sign-in to them (by design: their auditors see who tried to sign in), and
 * every chain still verifies.
 */
describe('audit entries land only where they belong, whatever the route', () => {
  const goliath = useTestPlatform({
    adminSubject: 'ada',
    // Attempted sign-ins are many and from one address: no throttling in the way of the test.
    env: { AUTH_SLOWDOWN_AFTER_FAILURES: '100000', AUTH_LOCKOUT_AFTER_FAILURES: '100000', AUTH_CLIENT_LOCKOUT_AFTER_FAILURES: '100000', SOLVER_WORKERS: '0' },
  });
  let home: string;
  let victim: Victim;
  let bystander: string;
  let callers: Caller[];
  let issuer: TestOidcIssuer;
  const forgedKeys = mkdtempSync(join(tmpdir(), 'goliath-forged-keys-'));

  const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}) => dataOf(await goliath.call<T>(query, variables));

  beforeAll(async () => {
    [home, bystander] = await goliath.createTenants('Mallory Inc', 'Bystander');
    const [tenantId] = await goliath.createTenants('Victim');
    const qubo = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
    const { createProblem } = await asAdmin<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name: 'Victim problem', qubo } });
    const { addConstraint } = await asAdmin<{ addConstraint: { id: string } }>('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', {
      input: { problemId: createProblem.id, constraint: { kind: 'ONE_HOT', penaltyWeight: 2, variables: ['a', 'b'] } },
    });
    const { submitSolveJob } = await asAdmin<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', {
      input: { tenantId, problemId: createProblem.id, timeLimitMs: 20, seed: 1 },
    });
    issuer = await startOidcIssuer();
    const { configureIdentityProvider } = await asAdmin<{ configureIdentityProvider: { id: string } }>(
      'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }',
      { input: { tenantId, name: 'Victim OIDC', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['VIEWER'] } },
    );
    const { authenticate } = await asAdmin<{ authenticate: { userId: string; sessionId: string } }>('mutation ($input: AuthenticateInput!) { authenticate(input: $input) { userId sessionId } }', {
      input: { authType: 'OIDC', tenantId, idToken: await issuer.issueIdToken({ sub: 'victor', email: 'victor@victim.example' }) },
    });
    const { enableComplianceFramework } = await asAdmin<{ enableComplianceFramework: { id: string } }>(
      'mutation ($input: EnableComplianceFrameworkInput!) { enableComplianceFramework(input: $input) { id } }',
      { input: { tenantId, frameworkType: 'SOC2', complianceLevel: 'Type II' } },
    );
    const { requestChangeApproval } = await asAdmin<{ requestChangeApproval: { id: string } }>(
      'mutation ($input: RequestChangeApprovalInput!) { requestChangeApproval(input: $input) { id } }',
      { input: { tenantId, operation: 'updateConstraint', target: addConstraint.id, reason: 'victim change' } },
    );
    victim = {
      tenantId,
      problemId: createProblem.id,
      constraintId: addConstraint.id,
      solveJobId: submitSolveJob.id,
      providerId: configureIdentityProvider.id,
      userId: authenticate.userId,
      sessionId: authenticate.sessionId,
      frameworkId: enableComplianceFramework.id,
      approvalId: requestChangeApproval.id,
    };

    const forger = await SigningKeyRing.open(forgedKeys, { graceSeconds: 60 });
    callers = [
      ...(await Promise.all(HOME_ROLES.map(async (role) => ({ name: role, token: await goliath.token(role, home, `${ATTACKER}-${role}`) })))),
      { name: 'a system: subject', token: await goliath.token('TENANT_ADMIN', home, `system:${ATTACKER}`) },
      {
        name: 'a forged platform-admin token',
        token: await issuePlatformToken(forger, { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 600 }, { subject: `${ATTACKER}-forged`, roles: ['PLATFORM_ADMIN'], tenantId: victim.tenantId, authMethod: 'saml' }),
      },
      { name: 'no token' },
    ];
  });

  afterAll(async () => {
    await issuer?.stop();
    rmSync(forgedKeys, { recursive: true, force: true });
  });

  /** Every mutation of the supergraph aimed at the victim, plus the sign-ins and direct trail writes the class is about. */
  const allAttempts = (): Attempt[] => [
    ...attemptsOn(victim),
    ...[
      { authType: 'SAML', assertion: Buffer.from(`<samlp:Response>${attackerString()}</samlp:Response>`).toString('base64') },
      { authType: 'OIDC', idToken: `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: attackerString(), iss: 'https://idp.mallory.example' })).toString('base64url')}.c2ln` },
      { authType: 'LDAP', username: attackerString(), password: attackerString() },
    ].map((credentials) => ({
      mutation: 'authenticate',
      subgraph: 'enterprise' as const,
      query: 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { userId } }',
      variables: { input: { ...credentials, tenantId: victim.tenantId } },
    })),
    ...[victim.tenantId, bystander, 'platform'].map((tenantId) => ({
      mutation: 'recordAuditEntry',
      subgraph: 'enterprise' as const,
      query: 'mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence } }',
      variables: { input: { tenantId, action: `${ATTACKER}.planted`, target: attackerString(), details: { actor: 'ada', tenantId, attemptedTenantId: home } } },
    })),
  ];

  it('aims an attempt at every mutation of the supergraph', () => {
    const attempted = new Set(attemptsOn({ tenantId: 'v' } as Victim).map((attempt) => attempt.mutation));
    expect([...attempted].sort()).toEqual(Object.keys(SUPERGRAPH.getMutationType()!.getFields()).sort());
  });

  it('lets no route place an entry of the attacker in a tenant it does not belong to', async () => {
    const attempts = allAttempts();

    // route 1: the gateway, as every caller
    const throughGateway = await inBatches(callers.flatMap((caller) => attempts.map((attempt) => () => goliath.call(attempt.query, attempt.variables, caller.token ?? null))));
    // nothing aimed at the victim succeeded (the sign-in attempts and a caller's own logout aside); a
    // mutation that names no tenant nor item (creating a tutorial or a project) acts in the caller's
    // own tenant, where the trails below must find its entry
    const aimsAtVictim = (attempt: Attempt) => Object.values(victim).some((id) => JSON.stringify(attempt.variables).includes(id));
    const succeeded = throughGateway
      .map((response, index) => ({ response, attempt: attempts[index % attempts.length], caller: callers[Math.floor(index / attempts.length)].name }))
      .filter(({ response, attempt }) => !response.errors && attempt.mutation !== 'logout' && aimsAtVictim(attempt))
      .map(({ attempt, caller }) => `${caller}: ${attempt.mutation}`);
    expect(succeeded).toEqual([]);

    // route 2: each subgraph reached directly, as every caller
    const { subgraphUrls } = goliath.platform;
    const direct = await inBatches(
      callers.flatMap((caller) =>
        attempts.map((attempt) => async () => {
          const response = await fetch(subgraphUrls[attempt.subgraph], {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(caller.token && { authorization: `Bearer ${caller.token}` }) },
            body: JSON.stringify({ query: attempt.query, variables: attempt.variables }),
          });
          return response.status;
        }),
      ),
      8,
    );
    expect(new Set(direct)).toEqual(new Set([401]));

    // route 3: the SAML routes: every path trick (carrying a trail write), the real routes of the victim, a forged ACS post
    const gatewayOrigin = new URL(goliath.platform.gatewayUrl).origin;
    const planting = attempts.find((attempt) => attempt.mutation === 'recordAuditEntry')!;
    const plant = { headers: { 'content-type': 'application/json', authorization: `Bearer ${callers[0].token}` }, body: JSON.stringify({ query: planting.query, variables: planting.variables }) };
    for (const attack of signInRouteAttacks(victim.tenantId, new URL(subgraphUrls.enterprise).origin)) {
      const answer = await rawRequest(gatewayOrigin, { ...attack, ...(attack.body !== undefined && plant) });
      expect({ attack: attack.name, status: answer.status }).toEqual({ attack: attack.name, status: 404 });
    }
    for (const route of ['login', 'metadata']) await rawRequest(gatewayOrigin, { method: 'GET', path: `/auth/saml/${victim.tenantId}/${route}?relayState=/${ATTACKER}` });
    const acs = await rawRequest(gatewayOrigin, {
      method: 'POST',
      path: `/auth/saml/${victim.tenantId}/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${callers[0].token}` },
      body: new URLSearchParams({ SAMLResponse: Buffer.from(`<samlp:Response>${attackerString()}</samlp:Response>`).toString('base64'), RelayState: `/${ATTACKER}` }).toString(),
    });
    expect(acs.status).toBe(401);

    // route 4: the WebSocket, with connection parameters that claim the victim's tenant, a client address and an approval
    for (const caller of callers) {
      const client = createClient({
        url: goliath.platform.subscriptionUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: {
          ...(caller.token && { Authorization: `Bearer ${caller.token}` }),
          tenantId: victim.tenantId,
          tenant: victim.tenantId,
          roles: ['PLATFORM_ADMIN'],
          'x-goliath-client-address': '203.0.113.66',
          'goliath-change-approval': victim.approvalId,
        },
      });
      try {
        const answers: GraphQLResponse<unknown>[][] = [
          await collect(client, `subscription { tenantEvents(tenantId: "${victim.tenantId}") { type } }`, 1, 3000).catch(() => []),
          await collect(client, `mutation { recordAuditEntry(input: { tenantId: "${victim.tenantId}", action: "${ATTACKER}.overTheSocket", target: "x" }) { sequence } }`, 1, 3000).catch(() => []),
        ];
        // the victim's events are not served, and the socket changes nothing
        expect(answers.flat().filter((answer) => !answer.errors)).toEqual([]);
      } finally {
        await client.dispose();
      }
    }

    // then: each trail as it stands, read by a platform-admin
    const trailOf = async (tenantId: string): Promise<AuditEntry[]> => {
      const entries: AuditEntry[] = [];
      let after: string | null = null;
      do {
        const page: { auditTrail: { edges: { node: AuditEntry }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await asAdmin(
          'query ($t: ID!, $after: String) { auditTrail(tenantId: $t, first: 100, after: $after) { edges { node { actor action outcome details } } pageInfo { endCursor hasNextPage } } }',
          { t: tenantId, after },
        );
        entries.push(...page.auditTrail.edges.map((edge) => edge.node));
        after = page.auditTrail.pageInfo.hasNextPage ? page.auditTrail.pageInfo.endCursor : null;
      } while (after);
      return entries;
    };
    const byAttacker = (entry: AuditEntry) => entry.actor.includes(ATTACKER) || entry.actor === 'anonymous';
    const verifiedAttacker = (entry: AuditEntry) => callers.some((caller) => caller.token && caller.name !== 'a forged platform-admin token' && entry.actor === (caller.name === 'a system: subject' ? `system:${ATTACKER}` : `${ATTACKER}-${caller.name}`));
    /** What an attacker may leave in a tenant that is not its own: the record of its refused sign-in there. */
    const refusedSignIn = (entry: AuditEntry) => entry.action === 'enterprise.signIn' && entry.outcome !== 'success';

    const [victimTrail, bystanderTrail, platformTrail, homeTrail] = await Promise.all([victim.tenantId, bystander, 'platform', home].map(trailOf));
    expect(victimTrail.filter(byAttacker).filter((entry) => !refusedSignIn(entry))).toEqual([]);
    expect(bystanderTrail.filter(byAttacker)).toEqual([]);
    // the platform's trail takes calls without a verified caller (README, "Audit trail"); a verified attacker leaves nothing there
    expect(platformTrail.filter(verifiedAttacker)).toEqual([]);
    for (const trail of [victimTrail, bystanderTrail, platformTrail]) expect(trail.filter((entry) => entry.action.startsWith(ATTACKER))).toEqual([]);

    // and the attempts were not lost: each verified caller's refusals are in its own tenant's trail, naming the tenant it aimed at
    for (const caller of callers.filter((candidate) => candidate.token && candidate.name !== 'a forged platform-admin token')) {
      const actor = caller.name === 'a system: subject' ? `system:${ATTACKER}` : `${ATTACKER}-${caller.name}`;
      expect({ actor, aimedAtVictim: homeTrail.some((entry) => entry.actor === actor && entry.outcome === 'denied' && entry.details.attemptedTenantId === victim.tenantId) }).toEqual({ actor, aimedAtVictim: true });
    }
    expect(victimTrail.some(refusedSignIn)).toBe(true);

    // every chain still verifies
    for (const tenantId of [victim.tenantId, bystander, 'platform', home]) {
      expect({ tenantId, ...(await asAdmin<{ verifyAuditChain: { valid: boolean } }>('query ($t: ID!) { verifyAuditChain(tenantId: $t) { valid } }', { t: tenantId })).verifyAuditChain }).toEqual({ tenantId, valid: true });
    }
  });
});
