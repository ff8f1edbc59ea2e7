import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../platform/config';
import type { EventStore, NewEvent } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { TENANT_CATEGORY } from '../../schema/events';

/** The parked event's id once the runner parked it, and where it is in the log. */
export interface PoisonEvent {
  readonly parkedId: string;
  readonly position: number;
  readonly eventId: string;
}

export interface PoisonWriter {
  /**
   * Appends, as another process would, an event of the tenant that the `tenants` read model (and
   * no other) cannot fold: a TenantRenamed without its data. Answers once the runner has parked it.
   */
  parkPoisonEvent(tenantId: string): Promise<PoisonEvent>;
  close(): Promise<void>;
}

/**
 * Poison for the embedded platform's read models, written straight to its SQLite file: the API
 * refuses malformed input, so nothing sent through the gateway can be poison. `isParked` is how
 * the test sees the runner's dead letters (the operators' API, or the read store).
 */
export function poisonWriter(dataDir: string, isParked: (parkedId: string) => Promise<boolean>): PoisonWriter {
  let eventStore: EventStore | undefined;
  return {
    async parkPoisonEvent(tenantId) {
      eventStore ??= createSqliteEventStore({ file: loadConfig({ DATA_DIR: dataDir }).sqliteFile });
      const poison: NewEvent = {
        id: randomUUID(),
        type: 'TenantRenamed',
        data: null,
        metadata: { tenantId, actor: 'mallory', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
      };
      const { position } = await eventStore.append(`${TENANT_CATEGORY}-poison${randomUUID()}`, [poison], 'no-stream');
      const parkedId = `tenants:${position}`;
      const deadline = Date.now() + 10_000;
      while (!(await isParked(parkedId))) {
        if (Date.now() > deadline) throw new Error(`${parkedId} was not parked within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return { parkedId, position, eventId: poison.id };
    },
    async close() {
      await eventStore?.close();
    },
  };
}
