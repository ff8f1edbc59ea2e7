import { DATA_FIELDS, type ComplianceRequest, type Requirement } from './compliance-request';

/**
 * SOC2 CC8.1 covers changes to what the platform decides with: constraints and scaling policies.
 * Matched by name so the scaling subgraph's policy mutations are covered when they arrive.
 * evolveConstraints is not among them: under approval it only proposes, and approveEvolution by
 * someone else is the approval (subgraphs/optimization/domain/evolution-decider.ts).
 */
const CHANGE_MANAGED_OPERATION = /^(add|create|update|set|remove|delete)(Constraint|ScalingPolicy)$/;

export const SOC2_CHANGE_APPROVAL = 'SOC2 CC8.1 change approval';

export function isChangeManaged(operation: string): boolean {
  return CHANGE_MANAGED_OPERATION.test(operation);
}

const HOW_TO_APPROVE = 'request one with requestChangeApproval, have another user approveChange it, and send its id in the Goliath-Change-Approval header';

export const SOC2_REQUIREMENTS: readonly Requirement[] = [
  {
    id: SOC2_CHANGE_APPROVAL,
    framework: 'SOC2',
    evaluate(request) {
      if (!request.tenant.changeApprovalRequired || !isChangeManaged(request.operation)) return undefined;
      return changeApprovalProblem(request);
    },
  },
];

function changeApprovalProblem({ data, changeApproval: approval, operation, actor, now }: ComplianceRequest): string | undefined {
  const approvalId = data[DATA_FIELDS.changeApprovalId];
  if (typeof approvalId !== 'string' || approvalId === '') return `${operation} needs an approved change: ${HOW_TO_APPROVE}.`;
  if (!approval) return `Change approval ${approvalId} does not exist in this tenant: ${HOW_TO_APPROVE}.`;
  if (approval.operation !== operation) return `Change approval ${approvalId} is for ${approval.operation}, not ${operation}.`;
  if (approval.target !== undefined && !mentions(data, approval.target)) return `Change approval ${approvalId} is for ${approval.target} only.`;
  if (approval.status !== 'APPROVED' || !approval.approvedBy) return `Change approval ${approvalId} is still waiting for an approver.`;
  if (approval.expiresAt && new Date(approval.expiresAt) <= now) return `Change approval ${approvalId} expired at ${approval.expiresAt}; request a new one.`;
  if (approval.approvedBy === actor.subject) return `Change approval ${approvalId} was approved by ${actor.subject}, who makes the change: the approver must be someone else.`;
  return undefined;
}

/** The target appears as a value of the data, at the top level or one object down (`input.constraintId`). */
function mentions(data: Readonly<Record<string, unknown>>, target: string): boolean {
  return Object.values(data).some(
    (value) => value === target || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).includes(target)),
  );
}
