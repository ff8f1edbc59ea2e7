import { changeAuditRecord } from '../audit/change-audited';
import { streamCategory, type EventStore, type ExpectedRevision, type NewEvent } from '../eventstore/port';
import type { CommandCaller } from './command-caller';
import { decideAndAppend, type CommandHandler, type CommandResult, type EventStoreReader, type SchemaVersionOf } from './command-handler';
import type { DomainEvent } from './decider';
import { newEvent, type EventOrigin } from './event-metadata';

/** What running a command needs from the process that hosts it. */
export interface CommandDependencies extends EventStoreReader {
  readonly clock: () => Date;
  /**
   * Resolves once every read model has folded the log up to `position`, so a mutation can answer
   * with what it wrote (read-your-writes); rejects with READ_MODEL_LAGGING after a bounded wait.
   * Within one mutation every such wait ends at one deadline (read-your-writes-deadline.ts).
   */
  readonly waitForReadModels: (position: number) => Promise<void>;
}

export interface CommandOptions {
  /** The tenant the change belongs to: its events' and its audit record's tenant. */
  readonly tenantId: string;
  /** What the audit record names as changed; the stream's id without its category by default. */
  readonly target?: string;
  /** Off for a command in a loop that waits once at the end. */
  readonly waitForReadModels?: boolean;
  /**
   * Another tenant whose trail records the change too, in the same write: the actor's own, when an
   * operator (a moderator) changes another tenant's item, so the operators' trail shows it as well.
   */
  readonly alsoAuditedIn?: string;
}

/**
 * The one command path of every subgraph: decide on the aggregate's latest state, append the
 * decided events together with the change's audit record in one write (retrying on a conflict),
 * then wait until the read models show it.
 */
export async function executeCommand<State, Command, Event extends DomainEvent>(
  deps: CommandDependencies,
  caller: CommandCaller,
  handler: CommandHandler<State, Command, Event>,
  command: Command,
  options: CommandOptions,
): Promise<CommandResult<State>> {
  const origin = originOf(caller, options.tenantId, deps.clock());
  const streamId = handler.streamOf(command);
  const target = options.target ?? idOf(streamId);
  const auditedIn = [origin, ...(options.alsoAuditedIn && options.alsoAuditedIn !== options.tenantId ? [{ ...origin, tenantId: options.alsoAuditedIn }] : [])];
  const result = await decideAndAppend(deps, handler, command, origin, () => auditedIn.map((where) => changeAuditRecord(caller.audit, where, target)));
  if (result.appended.length > 0) caller.audit.recordedAt.push(result.position);
  if (options.waitForReadModels ?? true) await deps.waitForReadModels(result.position);
  return result;
}

export interface RecordedFacts {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
  readonly expectedRevision: ExpectedRevision;
  readonly versionOf: SchemaVersionOf;
}

/**
 * Facts that need no decision (a refused sign-in, a consumed SAML assertion, a solve's progress)
 * take the same path without a decider: appended with their audit record in one write.
 */
export async function recordFacts(deps: { readonly eventStore: EventStore; readonly clock: () => Date }, caller: CommandCaller, facts: RecordedFacts, options: Omit<CommandOptions, 'waitForReadModels'>): Promise<number> {
  const origin = originOf(caller, options.tenantId, deps.clock());
  const events: NewEvent[] = facts.events.map((event) => newEvent(event, origin, facts.versionOf(event.type)));
  const result = await deps.eventStore.append(facts.streamId, [...events, changeAuditRecord(caller.audit, origin, options.target ?? idOf(facts.streamId))], facts.expectedRevision);
  caller.audit.recordedAt.push(result.position);
  return result.position;
}

function originOf(caller: CommandCaller, tenantId: string, occurredAt: Date): EventOrigin {
  return { tenantId, actor: caller.actor, correlationId: caller.correlationId, causationId: caller.causationId, occurredAt };
}

/** `constraint-7f3a…` → `7f3a…`: the item a stream holds. */
function idOf(streamId: string): string {
  return streamId.slice(streamCategory(streamId).length + 1) || streamId;
}
