import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from './port';
import { createSqliteEventStore } from './sqlite';
import { createUpcasterRegistry, upcastOnRead } from './upcasting';

const strategyV1ToV2 = { eventType: 'JobSubmitted', fromVersion: 1, upcast: (data: unknown) => ({ strategy: String((data as { strategy: string }).strategy).toUpperCase() }) };
const metadata = (schemaVersion: number) => ({ tenantId: 't1', actor: 'ada', correlationId: 'c', causationId: 'c', occurredAt: '2026-12-03T12:00:00.000Z', schemaVersion });

describe('upcastOnRead over the SQLite store', () => {
  let dir: string;
  let stored: EventStore;
  let shown: EventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-upcast-on-read-'));
    stored = createSqliteEventStore({ file: join(dir, 'goliath.db') });
    shown = upcastOnRead(stored, createUpcasterRegistry([strategyV1ToV2]));
    // given a job stored before the event's shape changed, and one after
    await stored.append('job-1', [{ id: 'e1', type: 'JobSubmitted', data: { strategy: 'sa' }, metadata: metadata(1) }], 'no-stream');
    await shown.append('job-2', [{ id: 'e2', type: 'JobSubmitted', data: { strategy: 'TABU' }, metadata: metadata(2) }], 'no-stream');
  });

  afterEach(async () => {
    await shown.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const strategies = (events: readonly RecordedEvent[]) => events.map((event) => [(event.data as { strategy: string }).strategy, event.metadata.schemaVersion]);

  it('shows old events in their latest shape on every way of reading, and leaves the stored ones as they were', async () => {
    expect(strategies(await shown.readStream('job-1'))).toEqual([['SA', 2]]);
    const all: RecordedEvent[] = [];
    for await (const event of shown.readAll()) all.push(event);
    expect(strategies(all)).toEqual([['SA', 2], ['TABU', 2]]);
    const subscription = shown.subscribeToAll();
    const delivered: RecordedEvent[] = [];
    for await (const event of subscription) {
      delivered.push(event);
      if (delivered.length === 2) break;
    }
    await subscription.close();
    expect(strategies(delivered)).toEqual([['SA', 2], ['TABU', 2]]);
    expect(strategies(await stored.readStream('job-1'))).toEqual([['sa', 1]]);
  });
});
