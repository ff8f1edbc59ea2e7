import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '../eventstore/port';
import type { Decider, DomainEvent } from './decider';

/** Who asked and why: copied into the metadata of every event the command produces. */
export interface CommandContext {
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  /** Id of the request or event that caused this command. */
  readonly causationId: string;
  readonly now: Date;
}

export interface HandleCommandOptions<State, Command, Event extends DomainEvent> {
  readonly eventStore: EventStore;
  readonly streamId: string;
  readonly decider: Decider<State, Command, Event>;
  readonly command: Command;
  readonly context: CommandContext;
  readonly schemaVersionOf: (eventType: string) => number;
  /** Attempts on a concurrency conflict before giving up; the decision is re-made each time. */
  readonly maxAttempts?: number;
}

export interface CommandResult<State> {
  readonly state: State;
  readonly appended: readonly NewEvent[];
  /** Global position of the last appended event (or the stream's last event when nothing was appended). */
  readonly position: number;
}

/**
 * Load the stream, fold it, decide, append with the revision read. A concurrent writer makes
 * the append fail with a conflict; the whole load-decide-append is then retried, so the
 * decision always rests on the latest state.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  options: HandleCommandOptions<State, Command, Event>,
): Promise<CommandResult<State>> {
  const { eventStore, streamId, decider, command, context } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const history = await eventStore.readStream(streamId);
    const state = history.reduce((current, recorded) => decider.evolve(current, asDomainEvent<Event>(recorded)), decider.initialState());
    const decided = decider.decide(command, state);
    const last = history.at(-1);
    if (decided.length === 0) return { state, appended: [], position: last?.position ?? 0 };

    const appended = decided.map((event): NewEvent => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: {
        tenantId: context.tenantId,
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        occurredAt: context.now.toISOString(),
        schemaVersion: options.schemaVersionOf(event.type),
      },
    }));
    try {
      const result = await eventStore.append(streamId, appended, last ? last.revision : 'no-stream');
      return { state: decided.reduce(decider.evolve, state), appended, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
    }
  }
}

/** The current state of an aggregate, folded from its stream (for commands that span two aggregates). */
export async function loadState<State, Event extends DomainEvent>(
  eventStore: EventStore,
  streamId: string,
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
): Promise<State> {
  const history = await eventStore.readStream(streamId);
  return history.reduce((current, recorded) => decider.evolve(current, asDomainEvent<Event>(recorded)), decider.initialState());
}

function asDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as Event;
}
