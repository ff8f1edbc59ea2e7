import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../auth/auth-context';
import { ErrorCode, platformError } from '../errors';
import type { SubgraphContext } from '../graphql/subgraph-context';
import type { SubgraphDependencies } from '../graphql/subgraph-dependencies';
import { COMPLIANCE_EVENT_VERSIONS, complianceCheckStreamId, type ComplianceChecked } from '../../schema/events/compliance-events';
import type { ComplianceProfileDocument } from '../../schema/read-models/compliance';
import { loadActiveFrameworks, resolveComplianceRequest } from './compliance-facts';
import type { ComplianceResult, ComplianceViolation } from './compliance-request';
import { ComplianceCheckTimeoutError, evaluateCompliance } from './evaluate-compliance';

export interface ComplianceCheck {
  readonly tenantId: string;
  readonly operation: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number;
  readonly trigger: ComplianceChecked['data']['trigger'];
  readonly profile?: ComplianceProfileDocument;
  /** What to tell the caller to do when the check times out. */
  readonly timeoutRemedy: string;
}

/**
 * Resolves the facts, evaluates the tenant's active frameworks within the time budget and
 * records the verdict as a ComplianceChecked event. A timeout records nothing: there is no verdict.
 */
export async function runComplianceCheck(deps: SubgraphDependencies, context: SubgraphContext, auth: AuthContext, check: ComplianceCheck): Promise<ComplianceResult> {
  const now = deps.clock();
  const actor = { subject: auth.subject, roles: auth.roles, authMethod: auth.authMethod };
  const [frameworks, request] = await Promise.all([
    loadActiveFrameworks(deps.readStore, check.tenantId),
    resolveComplianceRequest(deps.readStore, { tenantId: check.tenantId, operation: check.operation, data: check.data, actor, now, profile: check.profile }),
  ]);
  let result: ComplianceResult;
  try {
    result = await evaluateCompliance(frameworks, request, check.timeoutMs);
  } catch (error) {
    if (error instanceof ComplianceCheckTimeoutError) {
      throw platformError(ErrorCode.ComplianceCheckTimeout, `${error.message} ${check.timeoutRemedy}`, { timeoutMs: check.timeoutMs });
    }
    throw error;
  }
  await recordCheck(deps, context, auth, check, result);
  return result;
}

async function recordCheck(deps: SubgraphDependencies, context: SubgraphContext, auth: AuthContext, check: ComplianceCheck, result: ComplianceResult): Promise<void> {
  const event: ComplianceChecked = {
    type: 'ComplianceChecked',
    data: { tenantId: check.tenantId, operation: check.operation, ...result, actor: auth.subject, trigger: check.trigger },
  };
  await deps.eventStore.append(
    complianceCheckStreamId(check.tenantId),
    [
      {
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          tenantId: check.tenantId,
          actor: auth.subject,
          correlationId: context.correlationId,
          causationId: context.requestId,
          occurredAt: result.evaluatedAt,
          schemaVersion: COMPLIANCE_EVENT_VERSIONS.ComplianceChecked,
        },
      },
    ],
    'any',
  );
}

/** COMPLIANCE_VIOLATION with every violation listed in extensions.violations. */
export function complianceViolation(operation: string, violations: readonly ComplianceViolation[]) {
  const first = violations[0];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return platformError(
    ErrorCode.ComplianceViolation,
    `${operation} was refused by ${first.framework} ${first.requirement}: ${first.message}${more} Meet every requirement in extensions.violations and retry.`,
    { violations },
  );
}
