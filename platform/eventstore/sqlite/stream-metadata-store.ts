import type Database from 'better-sqlite3';
import type { StreamMetadata } from '../port';
import { assertStreamCaps } from '../stream-caps';

/** Stream metadata as one JSON document per stream; setting it replaces the previous one. */
export class StreamMetadataStore {
  private readonly select: Database.Statement<[string], { metadata: string }>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare<[string], { metadata: string }>('SELECT metadata FROM es_stream_metadata WHERE stream_id = ?');
    this.upsert = db.prepare<[string, string]>(
      `INSERT INTO es_stream_metadata (stream_id, metadata) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
    );
  }

  get(streamId: string): StreamMetadata | undefined {
    const row = this.select.get(streamId);
    return row === undefined ? undefined : (JSON.parse(row.metadata) as StreamMetadata);
  }

  set(streamId: string, metadata: StreamMetadata): void {
    assertStreamCaps(streamId, metadata);
    this.upsert.run(streamId, JSON.stringify(metadata));
  }
}
