import { createHash } from 'node:crypto';
import type { CommandCaller } from '../../../../platform/commands/command-caller';
import { recordFacts } from '../../../../platform/commands/execute-command';
import { WrongExpectedRevisionError, type EventStore } from '../../../../platform/eventstore/port';
import { eventSchemaVersion, samlAssertionStreamId, type SamlAssertionConsumed } from '../../../../schema/events';

/**
 * Remembers accepted assertion ids in the event store itself: one stream per issuer and id,
 * appended with "no stream" expected. A replay, in this process or any other sharing the store,
 * fails that expectation and is refused. The stream outlives the assertion's NotOnOrAfter, which
 * is stricter than the issue asks (ids are unique per IdP by the SAML spec, so nothing legitimate
 * is lost).
 */
export function rememberSamlAssertion(deps: { readonly eventStore: EventStore; readonly clock: () => Date }, caller: CommandCaller, origin: { tenantId: string; providerId: string; issuer: string }) {
  return async (assertionId: string, notOnOrAfter: Date): Promise<boolean> => {
    const key = createHash('sha256').update(`${origin.issuer}\u0000${assertionId}`).digest('hex').slice(0, 40);
    const event: SamlAssertionConsumed = {
      type: 'SamlAssertionConsumed',
      data: { tenantId: origin.tenantId, providerId: origin.providerId, notOnOrAfter: notOnOrAfter.toISOString(), consumedAt: deps.clock().toISOString() },
    };
    try {
      await recordFacts(deps, caller, { streamId: samlAssertionStreamId(key), events: [event], expectedRevision: 'no-stream', versionOf: eventSchemaVersion }, { tenantId: origin.tenantId });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
  };
}
