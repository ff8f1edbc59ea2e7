import { performance } from 'node:perf_hooks';
import type { ComplianceRequest, ComplianceResult, ComplianceViolation, EnabledFramework } from './compliance-request';
import { REQUIREMENT_CATALOG, type RequirementCatalog } from './requirement-catalog';

export class ComplianceCheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The compliance check did not finish within ${timeoutMs} ms.`);
    this.name = 'ComplianceCheckTimeoutError';
  }
}

/**
 * The seed's enforce_compliance: evaluates the enabled frameworks in parallel, each running the
 * requirements the tenant enabled. An answer later than `timeoutMs` is a timeout even when a
 * synchronous rule kept the timer from firing: a late verdict must not let an operation through
 * that the caller meant to bound. Hence a budget of 0 ms always times out.
 */
export async function evaluateCompliance(
  frameworks: readonly EnabledFramework[],
  request: ComplianceRequest,
  timeoutMs: number,
  catalog: RequirementCatalog = REQUIREMENT_CATALOG,
): Promise<ComplianceResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ComplianceCheckTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    const perFramework = await Promise.race([Promise.all(frameworks.map((framework) => evaluateFramework(framework, request, catalog))), deadline]);
    if (performance.now() - started >= timeoutMs) throw new ComplianceCheckTimeoutError(timeoutMs);
    const violations = perFramework.flat();
    return { isCompliant: violations.length === 0, violations, evaluatedAt: request.now.toISOString() };
  } finally {
    clearTimeout(timer);
  }
}

async function evaluateFramework(framework: EnabledFramework, request: ComplianceRequest, catalog: RequirementCatalog): Promise<ComplianceViolation[]> {
  const enabled = catalog[framework.frameworkType].filter((requirement) => framework.requirements.includes(requirement.id));
  const messages = await Promise.all(enabled.map((requirement) => requirement.evaluate(request)));
  return enabled.flatMap((requirement, index) => {
    const message = messages[index];
    return message === undefined ? [] : [{ framework: framework.frameworkType, requirement: requirement.id, message }];
  });
}
