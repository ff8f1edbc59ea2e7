import type { StreamMetadata } from '../port';
import { assertStreamCaps } from '../stream-caps';
import type { PostgresConnections } from './postgres-connections';
import type { EventStoreSchema } from './schema';

/** Stream metadata as one JSON document per stream; setting it replaces the previous one. The reader applies the caps. */
export class StreamMetadataStore {
  constructor(
    private readonly connections: PostgresConnections,
    private readonly schema: EventStoreSchema,
  ) {}

  async get(streamId: string): Promise<StreamMetadata | undefined> {
    const [row] = await this.connections.query<{ metadata: StreamMetadata }>(
      `SELECT metadata FROM ${this.schema.streamMetadata} WHERE stream_id = $1`,
      [streamId],
    );
    return row?.metadata;
  }

  async set(streamId: string, metadata: StreamMetadata): Promise<void> {
    assertStreamCaps(streamId, metadata);
    await this.connections.query(
      `INSERT INTO ${this.schema.streamMetadata} (stream_id, metadata) VALUES ($1, $2::jsonb)
       ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
      [streamId, JSON.stringify(metadata)],
    );
  }
}
