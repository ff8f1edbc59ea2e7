import { handleCommand } from '../../../platform/commands/command-handler';
import type { Decider, DomainEvent } from '../../../platform/commands/decider';
import { badUserInput } from '../../../platform/errors';
import type { SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { commandContext, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion } from '../../../schema/events';
import type { ModelLimits } from '../model';

export interface CommandOnStream<State, Command, Event extends DomainEvent> {
  readonly tenantId: string;
  readonly streamId: string;
  readonly decider: Decider<State, Command, Event>;
  readonly command: Command;
}

/**
 * Decide and append on behalf of the caller; with `waitForReadModels` the answer waits until the
 * read models have folded what was written (read-your-writes).
 */
export async function executeCommand<State, Command, Event extends DomainEvent>(
  deps: SubgraphDependencies,
  context: SubgraphContext,
  { tenantId, streamId, decider, command }: CommandOnStream<State, Command, Event>,
  { waitForReadModels = true } = {},
): Promise<void> {
  const now = deps.clock();
  const result = await handleCommand({
    eventStore: deps.eventStore,
    streamId,
    decider,
    command,
    context: commandContext(context, tenantId, now),
    schemaVersionOf: eventSchemaVersion,
  });
  if (waitForReadModels) await deps.waitForReadModels(result.position);
}

/** A requested time limit, defaulted and bounded; refused with BAD_USER_INPUT outside 1..max. */
export function timeLimit(requested: number | undefined, fallback: number, max: number): number {
  const value = requested ?? fallback;
  if (value <= 0 || value > max) throw badUserInput(`timeLimitMs must be between 1 and ${max}.`, 'timeLimitMs');
  return value;
}

/** The size limits of a synchronous solve: the tenant-wide QUBO limits, narrowed by the synchronous cap. */
export function synchronousSolveLimits(deps: SubgraphDependencies): ModelLimits {
  const { quboLimits, optimize } = deps.config;
  return { maxVariables: Math.min(optimize.maxVariables, quboLimits.maxVariables), maxQuadraticTerms: quboLimits.maxQuadraticTerms };
}
