import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import type { RecordedEvent } from '../../platform/eventstore/port';

const repositoryRoot = resolve(__dirname, '../..');

/**
 * An append acknowledged to the caller survives the process being killed at any moment, and a
 * crash leaves no gap or duplicate in the global positions (also across restarts).
 */
describe('SQLite event store durability', () => {
  let directory: string;
  let childScript: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-durability-'));
    // The child runs the real adapter: bundled from TypeScript, with the native module left to Node.
    childScript = join(directory, 'append-until-killed.js');
    buildSync({
      entryPoints: [join(__dirname, 'fixtures', 'append-until-killed.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3'],
      outfile: childScript,
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every acknowledged append and numbers the log without gaps after SIGKILL, twice', async () => {
    const file = join(directory, 'goliath.sqlite');

    const firstRun = await appendUntilKilled(file, 300);
    const secondRun = await appendUntilKilled(file, 300);

    const stored = await readWholeLog(file);
    const storedIds = new Map(stored.map((event) => [event.position, event.id]));
    for (const { position, id } of [...firstRun, ...secondRun]) expect(storedIds.get(position)).toBe(id);
    expect(stored.map((event) => event.position)).toEqual(stored.map((_, index) => index + 1));
    expect(Math.min(...secondRun.map((ack) => ack.position))).toBeGreaterThan(Math.max(...firstRun.map((ack) => ack.position)));
    for (const events of groupByStream(stored)) {
      expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
    }
  }, 60_000);

  /** Runs the child until it has acknowledged `acknowledgements` appends, then kills it mid-stream. */
  function appendUntilKilled(file: string, acknowledgements: number): Promise<Array<{ position: number; id: string }>> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [childScript, file, '8'], {
        env: { ...process.env, NODE_PATH: join(repositoryRoot, 'node_modules') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const acks: Array<{ position: number; id: string }> = [];
      let pendingOutput = '';
      let errors = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (pendingOutput + chunk).split('\n');
        pendingOutput = lines.pop()!;
        for (const line of lines) {
          const [position, id] = line.split(' ');
          acks.push({ position: Number(position), id: id! });
        }
        if (acks.length >= acknowledgements && !child.killed) child.kill('SIGKILL');
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (${String(signal)}): ${errors}`));
        else resolvePromise(acks);
      });
    });
  }
});

async function readWholeLog(file: string): Promise<RecordedEvent[]> {
  const store = createSqliteEventStore({ file });
  try {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

function groupByStream(events: RecordedEvent[]): RecordedEvent[][] {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return [...streams.values()];
}
