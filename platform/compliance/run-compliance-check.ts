import type { AuthContext } from '../auth/auth-context';
import { ErrorCode, platformError } from '../errors';
import type { SubgraphContext } from '../graphql/subgraph-context';
import { recordFacts } from '../commands/execute-command';
import { callerOf, type SubgraphDependencies } from '../graphql/subgraph-dependencies';
import type { ComplianceTrigger, ComplianceVerdict, ComplianceViolationReport, GuardedOperations } from './compliance-catalog';

export interface ComplianceCheck {
  readonly tenantId: string;
  readonly operation: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number;
  readonly trigger: ComplianceTrigger;
  readonly profile?: GuardedOperations;
  /** What to tell the caller to do when the check times out. */
  readonly timeoutRemedy: string;
}

/**
 * Has the compliance catalogue resolve the facts and evaluate the tenant's active frameworks
 * within the time budget, and records the verdict as the event the catalogue names. A timeout
 * records nothing: there is no verdict.
 */
export async function runComplianceCheck(deps: SubgraphDependencies, context: SubgraphContext, auth: AuthContext, check: ComplianceCheck): Promise<ComplianceVerdict> {
  const now = deps.clock();
  const actor = { subject: auth.subject, roles: auth.roles, authMethod: auth.authMethod };
  const evaluation = await deps.compliance.evaluate(deps.readStore, { tenantId: check.tenantId, operation: check.operation, data: check.data, actor, now, profile: check.profile }, check.timeoutMs);
  if ('timedOut' in evaluation) {
    throw platformError(ErrorCode.ComplianceCheckTimeout, `${evaluation.timedOut} ${check.timeoutRemedy}`, { timeoutMs: check.timeoutMs });
  }
  const result = evaluation.verdict;
  await recordCheck(deps, context, auth, check, result);
  return result;
}

/** The verdict is a stored fact, so it takes the command path and carries the call's audit record. */
async function recordCheck(deps: SubgraphDependencies, context: SubgraphContext, auth: AuthContext, check: ComplianceCheck, result: ComplianceVerdict): Promise<void> {
  const { streamId, type, data, schemaVersion } = deps.compliance.verdictRecord({ tenantId: check.tenantId, operation: check.operation, actor: auth.subject, trigger: check.trigger }, result);
  await recordFacts(deps, callerOf(context), { streamId, events: [{ type, data }], expectedRevision: 'any', versionOf: () => schemaVersion }, { tenantId: check.tenantId });
}

/** COMPLIANCE_VIOLATION with every violation listed in extensions.violations. */
export function complianceViolation(operation: string, violations: readonly ComplianceViolationReport[]) {
  const first = violations[0];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return platformError(
    ErrorCode.ComplianceViolation,
    `${operation} was refused by ${first.framework} ${first.requirement}: ${first.message}${more} Meet every requirement in extensions.violations and retry.`,
    { violations },
  );
}
