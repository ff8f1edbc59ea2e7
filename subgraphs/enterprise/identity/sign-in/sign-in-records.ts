import type { AuditOutcome } from '../../../../platform/audit';
import { auditedAction } from '../../../../platform/audit/change-audited';
import type { CommandCaller } from '../../../../platform/commands/command-caller';
import { recordFacts } from '../../../../platform/commands/execute-command';
import { ErrorCode } from '../../../../platform/errors';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { authenticationStreamId, eventSchemaVersion, type AuthenticationFailed } from '../../../../schema/events';
import type { SignInRequest } from './sign-in-request';

const MAX_ATTEMPTED_IDENTITY_LENGTH = 256;
export const SIGN_IN_ACTION = 'enterprise.signIn';

/**
 * How a sign-in is audited, in the trail of the tenant signed in to: every change it makes (the
 * user's sign-in, the session) carries an `enterprise.signIn` record naming the user, and every
 * refusal is stored as AuthenticationFailed with its own record; neither ever holds the
 * credential. Sign-ins are audited here rather than by the mutation middleware because the SAML
 * browser flow has no mutation.
 */
export class SignInRecords {
  constructor(private readonly deps: Pick<SubgraphDependencies, 'eventStore' | 'clock'>) {}

  /** The caller of a successful sign-in's changes: the user it signs in. */
  caller(request: SignInRequest, userId: string, details: Readonly<Record<string, unknown>>): CommandCaller {
    return signInCaller(request, userId, 'success', details);
  }

  async failed(request: SignInRequest, code: string, providerId?: string, attemptedIdentity?: string): Promise<void> {
    const who = attemptedIdentity?.slice(0, MAX_ATTEMPTED_IDENTITY_LENGTH);
    const outcome = code === ErrorCode.Forbidden ? 'denied' : 'failure';
    const caller = signInCaller(request, who ?? 'anonymous', outcome, { code, ...(providerId && { providerId }) });
    const event: AuthenticationFailed = {
      type: 'AuthenticationFailed',
      data: {
        tenantId: request.tenantId,
        authType: request.credentials.type,
        code,
        failedAt: this.deps.clock().toISOString(),
        ...(who && { attemptedIdentity: who }),
        ...(providerId && { providerId }),
        ...(request.clientAddress && { clientAddress: request.clientAddress }),
      },
    };
    const facts = { streamId: authenticationStreamId(request.tenantId), events: [event], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
    await recordFacts(this.deps, caller, facts, { tenantId: request.tenantId, target: caller.actor });
  }
}

/** The caller of a sign-in's changes, before the user is known (the SAML assertion it consumes). */
export function signInCaller(request: Pick<SignInRequest, 'credentials' | 'clientAddress' | 'correlationId'>, actor: string, outcome: AuditOutcome, details: Readonly<Record<string, unknown>>): CommandCaller {
  const audit = auditedAction(SIGN_IN_ACTION, { authType: request.credentials.type, ...(request.clientAddress && { clientAddress: request.clientAddress }), ...details }, outcome);
  return { actor, correlationId: request.correlationId, causationId: request.correlationId, audit };
}
