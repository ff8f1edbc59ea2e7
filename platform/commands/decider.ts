import type { ErrorCode } from '../errors';

/** An event as a decider sees it: plain typed data, before the store adds ids and metadata. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * The pure core of an aggregate (emmett's shape): state is folded from past events with
 * `evolve`; `decide` turns a command and the current state into new events or throws a
 * DomainError. Neither reads a clock nor does I/O: time arrives inside the command.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): readonly Event[];
}

/** A command refused by a domain rule. The code is one of the stable GraphQL error codes. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra `extensions` for the client, e.g. the offending `field` and a finer `reason` code. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
