import { handleCommand } from '../../../../platform/commands/command-handler';
import type { Decider, DomainEvent } from '../../../../platform/commands/decider';
import type { SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { commandContext, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion } from '../../../../schema/events';

/** Decide and append for the caller, then wait until the read models show it (read-your-writes). */
export async function executeComplianceCommand<State, Command, Event extends DomainEvent>(
  deps: SubgraphDependencies,
  context: SubgraphContext,
  tenantId: string,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
): Promise<void> {
  const result = await handleCommand({
    eventStore: deps.eventStore,
    streamId,
    decider,
    command,
    context: commandContext(context, tenantId, deps.clock()),
    schemaVersionOf: eventSchemaVersion,
  });
  await deps.waitForReadModels(result.position);
}
