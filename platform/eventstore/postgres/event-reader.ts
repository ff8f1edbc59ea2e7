import type { EventFilter, ReadStreamOptions, RecordedEvent } from '../port';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import type { PostgresConnections } from './postgres-connections';
import type { EventStoreSchema } from './schema';

/** Reads the log. Each call is one statement: nothing holds a cursor or a transaction between pages. */
export class EventReader {
  private readonly headQuery: string;
  private readonly forwardsQuery: string;
  private readonly backwardsQuery: string;
  private readonly allPageQuery: string;

  constructor(
    private readonly connections: PostgresConnections,
    private readonly schema: EventStoreSchema,
  ) {
    this.headQuery = `SELECT COALESCE(MAX(position), 0) AS position FROM ${schema.events}`;
    // The stream's caps (stream metadata) are applied here, in the same statement: events beyond
    // maxCount or older than maxAgeSeconds are hidden from the stream and stay in the global log.
    const streamQuery = (range: string, order: 'ASC' | 'DESC') => `
      WITH last AS (SELECT MAX(revision) AS last_revision FROM ${schema.events} WHERE stream_id = $1),
           caps AS (
             SELECT (metadata->>'maxCount')::bigint AS max_count, (metadata->>'maxAgeSeconds')::float8 AS max_age_seconds
             FROM ${schema.streamMetadata} WHERE stream_id = $1
           )
      SELECT ${EVENT_COLUMNS} FROM ${schema.events} CROSS JOIN last LEFT JOIN caps ON true
      WHERE stream_id = $1 AND ${range}
        AND (max_count IS NULL OR revision > last_revision - max_count)
        AND (max_age_seconds IS NULL OR recorded_at >= statement_timestamp() - max_age_seconds * interval '1 second')
      ORDER BY revision ${order} LIMIT $3`;
    this.forwardsQuery = streamQuery('revision >= COALESCE($2::bigint, 0)', 'ASC');
    this.backwardsQuery = streamQuery('revision <= COALESCE($2::bigint, last_revision)', 'DESC');
    this.allPageQuery = `SELECT ${EVENT_COLUMNS} FROM ${schema.events} WHERE position > $1 ORDER BY position LIMIT $2`;
  }

  async headPosition(): Promise<number> {
    const [row] = await this.connections.query<{ position: string }>(this.headQuery);
    return Number(row!.position);
  }

  async readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const query = options.direction === 'backwards' ? this.backwardsQuery : this.forwardsQuery;
    const rows = await this.connections.query<EventRow>(query, [streamId, options.fromRevision ?? null, options.maxCount ?? null]);
    return rows.map(toRecordedEvent);
  }

  /** Up to `limit` events with a position greater than `after`. */
  async readAllPage(after: number, limit: number): Promise<RecordedEvent[]> {
    return (await this.connections.query<EventRow>(this.allPageQuery, [after, limit])).map(toRecordedEvent);
  }

  /** A page reader for one filter, with the filter in SQL so unmatched events never leave the database. */
  filteredPageReader(filter: EventFilter | undefined): FilteredPageReader {
    const conditions = ['position > $1', 'position <= $2'];
    const parameters: unknown[] = [];
    const addCondition = (condition: (parameter: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length + 3}`));
    };
    // An empty list selects nothing (`= ANY('{}')` is false), as `matchesFilter` does.
    if (filter?.categories) addCondition((list) => `category = ANY(${list}::text[])`, [...filter.categories]);
    if (filter?.eventTypes) addCondition((list) => `type = ANY(${list}::text[])`, [...filter.eventTypes]);
    if (filter?.tenantId !== undefined) addCondition((tenant) => `tenant_id = ${tenant}`, filter.tenantId);
    const query = `SELECT ${EVENT_COLUMNS} FROM ${this.schema.events} WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT $3`;
    return async (after, upTo, limit) => (await this.connections.query<EventRow>(query, [after, upTo, limit, ...parameters])).map(toRecordedEvent);
  }
}

/** Matching events with after < position <= upTo, at most `limit` of them, in order. */
export type FilteredPageReader = (after: number, upTo: number, limit: number) => Promise<RecordedEvent[]>;
