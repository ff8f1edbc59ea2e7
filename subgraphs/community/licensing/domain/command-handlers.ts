import { commandHandler } from '../../../../platform/commands/command-handler';
import { derivedId } from '../../../../platform/derived-id';
import { eventSchemaVersion, licenseStreamId } from '../../../../schema/events';
import { licenseDecider } from './license-decider';

/** Purchases, bound once to their decider, their stream and their event versions. */
export const licenses = commandHandler(licenseDecider, (command) => licenseStreamId(command.licenseId), eventSchemaVersion);

/** A purchase's licence id, from the buyer's tenant and the request's idempotency key: a repeated request lands on the same stream. */
export function licenseIdOf(buyerTenantId: string, idempotencyKey: string): string {
  return derivedId('license', buyerTenantId, idempotencyKey);
}
