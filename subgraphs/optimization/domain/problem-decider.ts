import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { ProblemEvent, QuboDefinition } from '../../../schema/events';
import { parseQuboInput, type ModelLimits } from '../model';
import { refuseInvalidModel } from './model-refusal';

export type ProblemState =
  | { readonly status: 'absent' }
  | { readonly status: 'created'; readonly problemId: string; readonly tenantId: string; readonly name: string; readonly definition: QuboDefinition };

export type ProblemCommand = {
  readonly type: 'CreateProblem';
  readonly problemId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly definition: QuboDefinition;
  readonly limits: ModelLimits;
  readonly requestedAt: string;
};

export const PROBLEM_NAME_MAX_LENGTH = 200;

export const problemDecider: Decider<ProblemState, ProblemCommand, ProblemEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(_state, event) {
    const { problemId, tenantId, name, definition } = event.data;
    return { status: 'created', problemId, tenantId, name, definition };
  },

  decide(command, state) {
    if (state.status !== 'absent') throw new DomainError('CONFLICT', `Problem ${command.problemId} already exists.`);
    const name = command.name.trim();
    if (name.length === 0 || name.length > PROBLEM_NAME_MAX_LENGTH) {
      throw new DomainError('BAD_USER_INPUT', `A problem name has 1–${PROBLEM_NAME_MAX_LENGTH} characters.`, { field: 'name' });
    }
    refuseInvalidModel(() => parseQuboInput(command.definition, { limits: command.limits }));
    return [
      {
        type: 'ProblemCreated',
        data: { problemId: command.problemId, tenantId: command.tenantId, name, definition: command.definition, createdAt: command.requestedAt },
      },
    ];
  },
};
