import { CHANGE_AUDITED } from '../audit/change-audited';
import type { UpcasterRegistry } from '../eventstore/upcasting';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '../eventstore/port';
import type { Decider, DomainEvent } from './decider';
import { newEvent, type EventOrigin } from './event-metadata';

/** The schema version a domain writes each event type at (schema/events). */
export type SchemaVersionOf = (eventType: string) => number;

/**
 * An aggregate's command handler, bound once (emmett's shape): its decider, the stream a command
 * acts on, and the schema its events are written with. Call sites hand it a command and nothing else.
 */
export interface CommandHandler<State, Command, Event extends DomainEvent> {
  readonly decider: Decider<State, Command, Event>;
  readonly streamOf: (command: Command) => string;
  readonly versionOf: SchemaVersionOf;
}

export function commandHandler<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  streamOf: (command: Command) => string,
  versionOf: SchemaVersionOf,
): CommandHandler<State, Command, Event> {
  return { decider, streamOf, versionOf };
}

export interface CommandResult<State> {
  readonly state: State;
  readonly appended: readonly NewEvent[];
  /** Global position of the last appended event (or the stream's last event when nothing was appended). */
  readonly position: number;
}

/** Extra events written in the same append as the decided ones (the change's audit record). */
export type Attachment = (decided: readonly NewEvent[]) => readonly NewEvent[];

const MAX_ATTEMPTS = 10;
const MAX_BACKOFF_MS = 50;

/**
 * A writer that lost the race for a stream waits a random moment, up to a bound that doubles with
 * each loss, before reading again: a crowd on one stream (many members added to one project at
 * once) then spreads out instead of colliding in step, where each round only one writer wins.
 */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt)));
}

/**
 * Load the stream, fold it, decide, append with the revision read, together with what `attach`
 * adds. A concurrent writer makes the append fail with a conflict; the whole load-decide-append is
 * then retried after a short random wait (`backoff`), so the decision always rests on the latest state.
 */
export async function decideAndAppend<State, Command, Event extends DomainEvent>(
  { eventStore, upcasters }: EventStoreReader,
  handler: CommandHandler<State, Command, Event>,
  command: Command,
  origin: EventOrigin,
  attach: Attachment = () => [],
): Promise<CommandResult<State>> {
  const streamId = handler.streamOf(command);
  for (let attempt = 1; ; attempt++) {
    const history = await eventStore.readStream(streamId);
    const state = fold(handler.decider, upcasters, history);
    const decided = handler.decider.decide(command, state);
    const last = history.at(-1);
    if (decided.length === 0) return { state, appended: [], position: last?.position ?? 0 };
    const appended = decided.map((event) => newEvent(event, origin, handler.versionOf(event.type)));
    try {
      const result = await eventStore.append(streamId, [...appended, ...attach(appended)], last ? last.revision : 'no-stream');
      return { state: decided.reduce(handler.decider.evolve, state), appended, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
    await backoff(attempt);
  }
}

/** The log and how to read old events in it: what folding an aggregate needs. */
export interface EventStoreReader {
  readonly eventStore: EventStore;
  readonly upcasters: UpcasterRegistry;
}

/** The current state of an aggregate, folded from its stream (for commands that span two aggregates). */
export async function loadState<State, Event extends DomainEvent>(
  reader: EventStoreReader,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  streamId: string,
): Promise<State> {
  return fold(decider, reader.upcasters, await reader.eventStore.readStream(streamId));
}

/** Folds a stream's domain events, upcast to their latest shape; audit records are not the aggregate's. */
function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  upcasters: UpcasterRegistry,
  history: readonly RecordedEvent[],
): State {
  let state = decider.initialState();
  for (const stored of history) {
    if (stored.type === CHANGE_AUDITED) continue;
    const recorded = upcasters.upcast(stored);
    state = decider.evolve(state, { type: recorded.type, data: recorded.data } as Event);
  }
  return state;
}
