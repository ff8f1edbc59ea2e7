import { PLATFORM_AUDIT_TENANT } from '../../../platform/audit/describe-mutation';
import type { CommandCaller } from '../../../platform/commands/command-caller';
import { DomainError } from '../../../platform/commands/decider';
import { executeCommand, type CommandDependencies } from '../../../platform/commands/execute-command';
import type { ParkedEventDocument } from '../../../platform/health/parked-event';
import type { ParkedEventLog } from '../../../platform/health/parked-event-log';
import { parkedEvents } from './domain/command-handlers';

export type ParkedEventDecision = { readonly type: 'retry' } | { readonly type: 'skip'; readonly reason: string };

export interface ParkedEventRequestDependencies extends CommandDependencies {
  readonly parkedEvents: ParkedEventLog;
}

export interface ParkedEventRequest {
  /** The dead-letter record as it was when the request was made. */
  readonly parked: ParkedEventDocument;
  /** Where the request is in the log: the runner has acted on it once the projection's checkpoint is there. */
  readonly position: number;
}

/**
 * An operator's retry or skip of a parked event, from the API or the CLI: an event in
 * `deadletter-<projection>` through the one command path (so it is audited, in the parked event's
 * tenant), which the projection runner acts on when it reaches it. Only a parked event can be
 * decided on. The caller waits for the runner as suits it.
 */
export async function requestParkedEventDecision(
  deps: ParkedEventRequestDependencies,
  caller: CommandCaller,
  id: string,
  decision: ParkedEventDecision,
): Promise<ParkedEventRequest> {
  const parked = await deps.parkedEvents.get(id);
  if (!parked) throw new DomainError('NOT_FOUND', `Parked event ${id} does not exist (ids are <projection>:<position>, as parkedEvents lists them).`);
  if (parked.status !== 'parked') throw new DomainError('CONFLICT', `Parked event ${id} was ${parked.status} already.`);
  const reference = { projection: parked.projection, position: parked.position, eventId: parked.eventId, requestedAt: deps.clock().toISOString() };
  const command = decision.type === 'retry' ? { type: 'RetryParkedEvent' as const, ...reference } : { type: 'SkipParkedEvent' as const, reason: decision.reason, ...reference };
  const result = await executeCommand(deps, caller, parkedEvents, command, { tenantId: parked.tenantId || PLATFORM_AUDIT_TENANT, target: id, waitForReadModels: false });
  return { parked, position: result.position };
}
