import type { Constraint } from '../constraints/constraint';
import { invalidTemplateInput } from '../model-error';
import { QuboModel } from '../qubo-model';
import { defaultPenaltyWeight } from './penalty-weight';
import { templateList, templateNames, templateNumber, type TemplateProblem } from './template-result';

export interface AssignmentInput {
  /** Agent names; default agent1 … agentN. */
  readonly agents?: readonly string[];
  /** Task names; default task1 … taskN. */
  readonly tasks?: readonly string[];
  /** costs[a][t]: cost of agent a doing task t; square. */
  readonly costs: readonly (readonly number[])[];
  /** Default: the rule in penalty-weight.ts. */
  readonly penaltyWeight?: number;
}

/**
 * Linear assignment: x_<agent>_<task> = 1 when the agent does the task. Minimise Σ cost·x with
 * every agent doing exactly one task (one-hot "agent:<agent>") and every task done by exactly one
 * agent (one-hot "task:<task>").
 */
export function assignmentTemplate(input: AssignmentInput): TemplateProblem {
  const costs = templateList<readonly number[]>(input.costs, 'costs');
  const n = costs.length;
  if (n === 0) throw invalidTemplateInput('costs must have at least one row', 'costs');
  const agents = templateNames(input.agents, n, 'agent', 'agents');
  const tasks = templateNames(input.tasks, n, 'task', 'tasks');
  const variable = (a: number, t: number) => `x_${agents[a]}_${tasks[t]}`;

  const model = new QuboModel('MINIMIZE');
  costs.forEach((row, a) => {
    templateList<number>(row, `costs[${a}]`, n).forEach((cost, t) => {
      const name = variable(a, t);
      if (model.hasVariable(name)) throw invalidTemplateInput(`agent and task names make "${name}" twice; choose names without ambiguous underscores`, 'agents');
      model.addLinear(model.addVariable(name), templateNumber(cost, `costs[${a}][${t}]`));
    });
  });

  const weight = input.penaltyWeight ?? defaultPenaltyWeight(model);
  const indices = Array.from({ length: n }, (_, i) => i);
  const constraints: Constraint[] = [
    ...agents.map((agent, a): Constraint => ({ id: `agent:${agent}`, kind: 'ONE_HOT', penaltyWeight: weight, variables: indices.map((t) => variable(a, t)) })),
    ...tasks.map((task, t): Constraint => ({ id: `task:${task}`, kind: 'ONE_HOT', penaltyWeight: weight, variables: indices.map((a) => variable(a, t)) })),
  ];
  return { model, constraints };
}
