import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { ConstraintDefinition, ConstraintEvent, ConstraintEvolutionRef, QuboDefinition } from '../../../schema/events';
import { compileProblem, parseQuboInput, type Constraint, type ModelLimits } from '../model';
import { refuseInvalidModel } from './model-refusal';

export type ConstraintState =
  | { readonly status: 'absent' }
  | { readonly status: 'active' | 'removed'; readonly constraintId: string; readonly problemId: string; readonly tenantId: string; readonly constraint: ConstraintDefinition };

/** The problem a constraint belongs to, as its own stream says it is now. */
export interface ProblemContext {
  readonly problemId: string;
  readonly tenantId: string;
  readonly definition: QuboDefinition;
  readonly limits: ModelLimits;
}

/**
 * Everything of a constraint but its identity and kind: what `updateConstraint` may change. A
 * computed method arrives with the weight it gave (./penalty-choice.ts), so deciding stays pure.
 */
export type ConstraintParameters = Partial<Omit<ConstraintDefinition, 'id' | 'kind'>>;

export type ConstraintCommand =
  /** `constraint` carries its penalty method and the weight it gave (./penalty-choice.ts). */
  | { readonly type: 'AddConstraint'; readonly constraintId: string; readonly problem: ProblemContext; readonly constraint: Omit<ConstraintDefinition, 'id'>; readonly requestedAt: string }
  | {
      readonly type: 'UpdateConstraint';
      readonly constraintId: string;
      readonly problem: ProblemContext;
      readonly newParameters: ConstraintParameters;
      readonly evolutionReason: string;
      /** Set when evolveConstraints decided the change: the evolution and what it stands on. */
      readonly evolution?: ConstraintEvolutionRef;
      readonly requestedAt: string;
    }
  | { readonly type: 'RemoveConstraint'; readonly constraintId: string; readonly reason: string; readonly requestedAt: string };

export const constraintDecider: Decider<ConstraintState, ConstraintCommand, ConstraintEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ConstraintAdded':
        return { status: 'active', constraintId: event.data.constraintId, problemId: event.data.problemId, tenantId: event.data.tenantId, constraint: event.data.constraint };
      case 'ConstraintUpdated':
        return state.status === 'absent' ? state : { ...state, constraint: event.data.constraint };
      case 'ConstraintRemoved':
        return state.status === 'absent' ? state : { ...state, status: 'removed' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'AddConstraint': {
        if (state.status !== 'absent') throw new DomainError('CONFLICT', `Constraint ${command.constraintId} already exists.`);
        const constraint = { ...command.constraint, id: command.constraintId } as ConstraintDefinition;
        assertCompiles(command.problem, constraint);
        return [
          {
            type: 'ConstraintAdded',
            data: { constraintId: command.constraintId, problemId: command.problem.problemId, tenantId: command.problem.tenantId, constraint, addedAt: command.requestedAt },
          },
        ];
      }
      case 'UpdateConstraint': {
        const current = activeConstraint(state, command.constraintId);
        const reason = command.evolutionReason.trim();
        if (reason.length === 0) throw new DomainError('BAD_USER_INPUT', 'Say why the constraint changes: evolutionReason cannot be empty.', { field: 'evolutionReason' });
        const changes = withoutUndefined(command.newParameters);
        // A new weight without a method is one somebody chose: MANUAL, whatever method gave the old one.
        const penaltyMethod = changes.penaltyMethod ?? (changes.penaltyWeight === undefined ? current.constraint.penaltyMethod : 'MANUAL');
        const constraint = { ...current.constraint, ...changes, penaltyMethod } as ConstraintDefinition;
        assertCompiles(command.problem, constraint);
        return [
          {
            type: 'ConstraintUpdated',
            data: {
              constraintId: command.constraintId,
              problemId: current.problemId,
              constraint,
              previousPenaltyWeight: current.constraint.penaltyWeight,
              previousPenaltyMethod: current.constraint.penaltyMethod,
              evolutionReason: reason,
              ...(command.evolution && { evolution: command.evolution }),
              updatedAt: command.requestedAt,
            },
          },
        ];
      }
      case 'RemoveConstraint': {
        const current = activeConstraint(state, command.constraintId);
        return [{ type: 'ConstraintRemoved', data: { constraintId: command.constraintId, problemId: current.problemId, reason: command.reason, removedAt: command.requestedAt } }];
      }
    }
  },
};

function activeConstraint(state: ConstraintState, constraintId: string) {
  if (state.status !== 'active') throw new DomainError('NOT_FOUND', `Constraint ${constraintId} does not exist or was removed.`);
  return state;
}

/** A constraint is accepted only if it compiles against its problem: known variables, feasible, within limits. */
function assertCompiles(problem: ProblemContext, constraint: ConstraintDefinition): void {
  refuseInvalidModel(() => compileProblem(parseQuboInput(problem.definition, { limits: problem.limits }), [constraint as Constraint], { limits: problem.limits }));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
