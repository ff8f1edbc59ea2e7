import type { DocumentVersion, ReadDocument, ReadStore, WriteOperation } from '../platform/readstore/port';
import { assertPatchFields, assertWritableDocument } from '../platform/readstore/names';
import type { ProjectionContext } from './projection';

type PendingWrite =
  | { readonly kind: 'upsert'; readonly doc: ReadDocument; readonly position: number }
  | { readonly kind: 'patch'; readonly fields: Readonly<Record<string, unknown>>; readonly position: number }
  | { readonly kind: 'delete'; readonly position: number };

interface Entry {
  readonly collection: string;
  readonly id: string;
  /** undefined until loaded; null when the store never held the document. */
  stored: DocumentVersion | null | undefined;
  readonly writes: PendingWrite[];
}

/**
 * The ProjectionContext of one batch: buffers the handlers' writes, lets their reads see them, and
 * turns them into one write per document for the commit.
 *
 * It also makes redelivery harmless. A document stores the position of the last event applied to
 * it; a write made while handling an event at or below that position is already reflected, so it
 * is dropped here — before a later handler in the same batch builds on it (a counter folded twice
 * would otherwise count twice) — and reads see the stored document instead.
 */
export class ProjectionUnitOfWork implements ProjectionContext {
  private readonly entries = new Map<string, Entry>();
  private position = 0;

  constructor(
    private readonly readStore: ReadStore,
    /** The projection may write only the collections it owns: a rebuild resets exactly those. */
    private readonly ownCollections: ReadonlySet<string>,
  ) {}

  /** Tags the writes that follow with the position of the event being handled. */
  beginEvent(position: number): void {
    this.position = position;
  }

  async get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const entry = this.entry(collection, id);
    await this.load([entry]);
    const doc = foldWrites(baseDocument(entry), keptWrites(entry));
    // A copy: a handler that edits what it read must call upsert/patch for the edit to count.
    return doc === undefined ? undefined : (structuredClone(doc) as T);
  }

  upsert(collection: string, doc: ReadDocument): void {
    this.assertOwn(collection);
    assertWritableDocument(collection, doc);
    this.entry(collection, doc.id).writes.push({ kind: 'upsert', doc: structuredClone(doc), position: this.position });
  }

  patch(collection: string, id: string, fields: Readonly<Record<string, unknown>>): void {
    this.assertOwn(collection);
    assertPatchFields(collection, fields);
    this.entry(collection, id).writes.push({ kind: 'patch', fields: structuredClone(fields), position: this.position });
  }

  delete(collection: string, id: string): void {
    this.assertOwn(collection);
    this.entry(collection, id).writes.push({ kind: 'delete', position: this.position });
  }

  /** One write per touched document, carrying the position of the last event that changed it. */
  async writes(): Promise<WriteOperation[]> {
    const entries = [...this.entries.values()];
    await this.load(entries);
    return entries.flatMap((entry) => {
      const write = collapse(entry);
      return write ? [write] : [];
    });
  }

  private entry(collection: string, id: string): Entry {
    const key = `${collection}\u0000${id}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { collection, id, stored: undefined, writes: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Loads stored versions of the entries not loaded yet, one round trip per collection. */
  private async load(entries: readonly Entry[]): Promise<void> {
    const byCollection = new Map<string, Entry[]>();
    for (const entry of entries) {
      if (entry.stored !== undefined) continue;
      byCollection.set(entry.collection, [...(byCollection.get(entry.collection) ?? []), entry]);
    }
    await Promise.all(
      [...byCollection].map(async ([collection, pending]) => {
        const versions = await this.readStore.getVersions(collection, pending.map((entry) => entry.id));
        for (const entry of pending) entry.stored = versions.get(entry.id) ?? null;
      }),
    );
  }

  private assertOwn(collection: string): void {
    if (!this.ownCollections.has(collection)) {
      throw new Error(`Projection cannot write to ${collection}: it writes only its own collections (${[...this.ownCollections].join(', ')})`);
    }
  }
}

function baseDocument(entry: Entry): ReadDocument | undefined {
  return entry.stored ? entry.stored.doc : undefined;
}

function keptWrites(entry: Entry): PendingWrite[] {
  const storedPosition = entry.stored ? entry.stored.position : Number.NEGATIVE_INFINITY;
  return entry.writes.filter((write) => write.position > storedPosition);
}

function foldWrites(base: ReadDocument | undefined, writes: readonly PendingWrite[]): ReadDocument | undefined {
  let doc = base;
  for (const write of writes) {
    if (write.kind === 'upsert') doc = write.doc;
    else if (write.kind === 'delete') doc = undefined;
    else if (doc) doc = { ...doc, ...definedFields(write.fields) };
  }
  return doc;
}

/** An undefined value sets nothing, as in the stores. */
function definedFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * The net effect of an entry's kept writes: after the last upsert or delete only patches follow,
 * so it is that upsert with the patches folded in, or the delete (patches of nothing do nothing);
 * patches alone stay a patch, which the store applies only if the document still exists.
 */
function collapse(entry: Entry): WriteOperation | undefined {
  const kept = keptWrites(entry);
  if (kept.length === 0) return undefined;
  const position = kept[kept.length - 1].position;
  const { collection, id } = entry;
  let lastReplace = kept.length - 1;
  while (lastReplace >= 0 && kept[lastReplace].kind === 'patch') lastReplace -= 1;
  if (lastReplace === -1) {
    const fields = Object.assign({}, ...kept.map((write) => (write.kind === 'patch' ? definedFields(write.fields) : {}))) as Record<string, unknown>;
    return { kind: 'patch', collection, id, fields, position };
  }
  const doc = foldWrites(undefined, kept.slice(lastReplace));
  return doc ? { kind: 'upsert', collection, doc, position } : { kind: 'delete', collection, id, position };
}
