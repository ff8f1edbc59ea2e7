import { createHash, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '../../../platform/eventstore/port';
import { eventSchemaVersion, samlAssertionStreamId, type SamlAssertionConsumed } from '../../../schema/events';

/**
 * Remembers accepted assertion ids in the event store itself: one stream per issuer and id,
 * appended with "no stream" expected. A replay, in this process or any other sharing the store,
 * fails that expectation and is refused. The stream outlives the assertion's NotOnOrAfter, which
 * is stricter than the issue asks (ids are unique per IdP by the SAML spec, so nothing legitimate
 * is lost).
 */
export function rememberSamlAssertion(eventStore: EventStore, origin: { tenantId: string; providerId: string; issuer: string; correlationId: string }, now: () => Date) {
  return async (assertionId: string, notOnOrAfter: Date): Promise<boolean> => {
    const key = createHash('sha256').update(`${origin.issuer}\u0000${assertionId}`).digest('hex').slice(0, 40);
    const consumedAt = now().toISOString();
    const data: SamlAssertionConsumed['data'] = { tenantId: origin.tenantId, providerId: origin.providerId, notOnOrAfter: notOnOrAfter.toISOString(), consumedAt };
    try {
      await eventStore.append(
        samlAssertionStreamId(key),
        [
          {
            id: randomUUID(),
            type: 'SamlAssertionConsumed',
            data,
            metadata: {
              tenantId: origin.tenantId,
              actor: 'sign-in',
              correlationId: origin.correlationId,
              causationId: origin.correlationId,
              occurredAt: consumedAt,
              schemaVersion: eventSchemaVersion('SamlAssertionConsumed'),
            },
          },
        ],
        'no-stream',
      );
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
  };
}
