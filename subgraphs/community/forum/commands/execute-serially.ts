import type { CommandCaller } from '../../../../platform/commands/command-caller';
import type { CommandHandler, CommandResult } from '../../../../platform/commands/command-handler';
import type { DomainEvent } from '../../../../platform/commands/decider';
import { executeCommand, type CommandDependencies, type CommandOptions } from '../../../../platform/commands/execute-command';

/** The tail of the commands queued on each stream in this process; an entry leaves with its last command. */
const queues = new Map<string, Promise<unknown>>();

/**
 * executeCommand for a stream that many callers write at once (every RSVP of an event goes to the
 * event's one stream). Optimistic concurrency alone keeps it correct, but each conflict costs a
 * reload and the command path gives up after a few: 50 concurrent RSVPs would exhaust the retries.
 * So commands on one stream take turns within this process, each loading, deciding and appending
 * only after the previous one appended: they no longer conflict with each other. Across processes
 * (replicas of the subgraph) the store's expected-revision check still refuses an append decided
 * on a stale state, and the command path retries it on the new one; a decision therefore always
 * rests on the state at the revision it is appended at, and a capacity is never exceeded.
 * The read-your-writes wait happens after the turn, so a slow read model does not hold the queue.
 */
export async function executeSerially<State, Command, Event extends DomainEvent>(
  deps: CommandDependencies,
  caller: CommandCaller,
  handler: CommandHandler<State, Command, Event>,
  command: Command,
  options: CommandOptions,
): Promise<CommandResult<State>> {
  const streamId = handler.streamOf(command);
  const previous = queues.get(streamId) ?? Promise.resolve();
  const turn = previous.catch(() => undefined).then(() => executeCommand(deps, caller, handler, command, { ...options, waitForReadModels: false }));
  queues.set(streamId, turn);
  try {
    const result = await turn;
    if (options.waitForReadModels ?? true) await deps.waitForReadModels(result.position);
    return result;
  } finally {
    if (queues.get(streamId) === turn) queues.delete(streamId);
  }
}
