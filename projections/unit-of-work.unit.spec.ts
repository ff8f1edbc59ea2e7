import type { DocumentVersion, ReadStore } from '../platform/readstore/port';
import { ProjectionUnitOfWork } from './unit-of-work';

/** A read store holding only stored versions, which is all a unit of work reads. */
function givenStored(versions: Record<string, DocumentVersion>): ReadStore {
  return {
    getVersions: async (_collection: string, ids: readonly string[]) =>
      new Map(ids.filter((id) => versions[id]).map((id) => [id, structuredClone(versions[id])])),
  } as unknown as ReadStore;
}

function unitOfWork(stored: Record<string, DocumentVersion> = {}): ProjectionUnitOfWork {
  return new ProjectionUnitOfWork(givenStored(stored), new Set(['jobs']));
}

describe('ProjectionUnitOfWork', () => {
  it('collapses an upsert and later patches into one upsert at the last position', async () => {
    const work = unitOfWork();
    work.beginEvent(1);
    work.upsert('jobs', { id: 'a', state: 'queued' });
    work.beginEvent(2);
    work.patch('jobs', 'a', { state: 'running' });
    work.beginEvent(3);
    work.patch('jobs', 'a', { energy: -3, ignored: undefined });

    expect(await work.writes()).toEqual([{ kind: 'upsert', collection: 'jobs', doc: { id: 'a', state: 'running', energy: -3 }, position: 3 }]);
  });

  it('keeps patches alone as one patch, so a document deleted meanwhile stays deleted', async () => {
    const work = unitOfWork({ a: { doc: { id: 'a', state: 'queued' }, position: 1 } });
    work.beginEvent(2);
    work.patch('jobs', 'a', { state: 'running' });
    work.beginEvent(3);
    work.patch('jobs', 'a', { energy: -3 });

    expect(await work.writes()).toEqual([{ kind: 'patch', collection: 'jobs', id: 'a', fields: { state: 'running', energy: -3 }, position: 3 }]);
  });

  it('ends with the delete when a document is deleted after being written, and with the upsert when it comes back', async () => {
    const work = unitOfWork();
    work.beginEvent(1);
    work.upsert('jobs', { id: 'a' });
    work.upsert('jobs', { id: 'b' });
    work.beginEvent(2);
    work.delete('jobs', 'a');
    work.delete('jobs', 'b');
    work.patch('jobs', 'b', { late: true });
    work.beginEvent(3);
    work.upsert('jobs', { id: 'a', back: true });

    expect(await work.writes()).toEqual([
      { kind: 'upsert', collection: 'jobs', doc: { id: 'a', back: true }, position: 3 },
      { kind: 'delete', collection: 'jobs', id: 'b', position: 2 },
    ]);
  });

  it('reads its own writes over the stored document', async () => {
    const work = unitOfWork({ a: { doc: { id: 'a', count: 1 }, position: 1 } });
    work.beginEvent(2);
    work.patch('jobs', 'a', { count: 2 });
    expect(await work.get('jobs', 'a')).toEqual({ id: 'a', count: 2 });
    work.delete('jobs', 'a');
    expect(await work.get('jobs', 'a')).toBeUndefined();
  });

  it('drops writes of events the stored document already reflects, and reads the stored document instead', async () => {
    // Given a counter stored at position 5
    const work = unitOfWork({ a: { doc: { id: 'a', count: 5 }, position: 5 } });

    // When events 4 and 5 are redelivered and event 6 is new, each incrementing what it reads
    for (const position of [4, 5, 6]) {
      work.beginEvent(position);
      const counter = (await work.get<{ id: string; count: number }>('jobs', 'a'))!;
      work.upsert('jobs', { ...counter, count: counter.count + 1 });
    }

    // Then only event 6 counted
    expect(await work.writes()).toEqual([{ kind: 'upsert', collection: 'jobs', doc: { id: 'a', count: 6 }, position: 6 }]);
  });

  it('does not resurrect a deleted document with a redelivered older upsert', async () => {
    const work = unitOfWork({ a: { doc: undefined, position: 7 } });
    work.beginEvent(3);
    work.upsert('jobs', { id: 'a' });
    expect(await work.get('jobs', 'a')).toBeUndefined();
    expect(await work.writes()).toEqual([]);
  });

  it('hands out copies, so editing what was read changes nothing until it is written', async () => {
    const work = unitOfWork({ a: { doc: { id: 'a', tags: ['x'] }, position: 1 } });
    work.beginEvent(2);
    const read = (await work.get<{ id: string; tags: string[] }>('jobs', 'a'))!;
    read.tags.push('y');
    expect(await work.get('jobs', 'a')).toEqual({ id: 'a', tags: ['x'] });
    expect(await work.writes()).toEqual([]);
  });

  it('refuses writes to collections the projection does not own', () => {
    const work = unitOfWork();
    expect(() => work.upsert('tenants', { id: 't1' })).toThrow(/writes only its own collections \(jobs\)/);
  });
});
