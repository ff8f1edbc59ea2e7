import { randomUUID } from 'node:crypto';
import { auditBatcherFor, type AuditOutcome } from '../../../platform/audit';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { authenticationStreamId, eventSchemaVersion, type AuthenticationFailed } from '../../../schema/events';
import type { SignInRequest } from './sign-in-service';

const MAX_ATTEMPTED_IDENTITY_LENGTH = 256;

/**
 * What a sign-in leaves behind: an audit entry for every attempt, and an AuthenticationFailed
 * event for every refusal, neither ever holding the credential. Sign-ins are audited here rather
 * than by the mutation middleware because the SAML browser flow has no mutation.
 */
export class SignInRecords {
  constructor(private readonly deps: Pick<SubgraphDependencies, 'eventStore' | 'clock'>) {}

  succeeded(request: SignInRequest, userId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit(request, 'success', userId, details);
  }

  async failed(request: SignInRequest, code: string, providerId?: string, attemptedIdentity?: string): Promise<void> {
    const now = this.deps.clock();
    const who = attemptedIdentity?.slice(0, MAX_ATTEMPTED_IDENTITY_LENGTH);
    await this.audit(request, code === ErrorCode.Forbidden ? 'denied' : 'failure', who ?? 'anonymous', { code, ...(providerId && { providerId }) });
    const event: AuthenticationFailed = {
      type: 'AuthenticationFailed',
      data: {
        tenantId: request.tenantId,
        authType: request.credentials.type,
        code,
        failedAt: now.toISOString(),
        ...(who && { attemptedIdentity: who }),
        ...(providerId && { providerId }),
        ...(request.clientAddress && { clientAddress: request.clientAddress }),
      },
    };
    const metadata = {
      tenantId: request.tenantId,
      actor: who ?? 'anonymous',
      correlationId: request.correlationId,
      causationId: request.correlationId,
      occurredAt: now.toISOString(),
      schemaVersion: eventSchemaVersion(event.type),
    };
    await this.deps.eventStore.append(authenticationStreamId(request.tenantId), [{ id: randomUUID(), type: event.type, data: event.data, metadata }], 'any');
  }

  private async audit(request: SignInRequest, outcome: AuditOutcome, actor: string, details: Record<string, unknown>): Promise<void> {
    await auditBatcherFor(this.deps.eventStore).append({
      actor,
      tenantId: request.tenantId,
      action: 'enterprise.signIn',
      target: actor,
      outcome,
      correlationId: request.correlationId,
      time: this.deps.clock().toISOString(),
      details: { authType: request.credentials.type, ...(request.clientAddress && { clientAddress: request.clientAddress }), ...details },
    });
  }
}
