import type Database from 'better-sqlite3';
import type { EventFilter, ReadStreamOptions, RecordedEvent, StreamMetadata } from '../port';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import { TENANT_EXPRESSION } from './schema';

/** Reads the log. Each call is one statement: nothing holds a cursor or a transaction between pages. */
export class EventReader {
  private readonly headStatement: Database.Statement<[], { position: number }>;
  private readonly lastRevisionStatement: Database.Statement<[string], { revision: number | null }>;
  private readonly forwardsStatement: Database.Statement<[StreamRange], EventRow>;
  private readonly backwardsStatement: Database.Statement<[StreamRange], EventRow>;
  private readonly allPageStatement: Database.Statement<[number, number], EventRow>;

  constructor(private readonly db: Database.Database) {
    this.headStatement = db.prepare<[], { position: number }>('SELECT COALESCE(MAX(position), 0) AS position FROM es_events');
    this.lastRevisionStatement = db.prepare<[string], { revision: number | null }>(
      'SELECT MAX(revision) AS revision FROM es_events WHERE stream_id = ?',
    );
    const visible = 'stream_id = @streamId AND revision >= @minRevision AND recorded_at >= @minRecordedAt';
    this.forwardsStatement = db.prepare<StreamRange, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${visible} AND revision >= @from ORDER BY revision ASC LIMIT @limit`,
    );
    this.backwardsStatement = db.prepare<StreamRange, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${visible} AND revision <= @from ORDER BY revision DESC LIMIT @limit`,
    );
    this.allPageStatement = db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE position > ? ORDER BY position LIMIT ?`,
    );
  }

  headPosition(): number {
    return this.headStatement.get()!.position;
  }

  /** Events hidden by the stream's maxCount/maxAgeSeconds are left out; they stay in the global log. */
  readStream(streamId: string, options: ReadStreamOptions, metadata: StreamMetadata | undefined): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const lastRevision = this.lastRevisionStatement.get(streamId)?.revision ?? null;
    if (lastRevision === null) return [];
    const range: StreamRange = {
      streamId,
      from: options.fromRevision ?? (backwards ? lastRevision : 0),
      limit: options.maxCount ?? -1,
      minRevision: metadata?.maxCount === undefined ? 0 : lastRevision - metadata.maxCount + 1,
      minRecordedAt:
        metadata?.maxAgeSeconds === undefined ? '' : new Date(Date.now() - metadata.maxAgeSeconds * 1000).toISOString(),
    };
    const statement = backwards ? this.backwardsStatement : this.forwardsStatement;
    return statement.all(range).map(toRecordedEvent);
  }

  /** Up to `limit` events with a position greater than `after`. */
  readAllPage(after: number, limit: number): RecordedEvent[] {
    return this.allPageStatement.all(after, limit).map(toRecordedEvent);
  }

  /** A page reader for one filter, with the filter in SQL so unmatched events never leave SQLite. */
  filteredPageReader(filter: EventFilter | undefined): FilteredPageReader {
    const conditions = ['position > @after', 'position <= @upTo'];
    const parameters: Record<string, string> = {};
    const addMembership = (column: string, prefix: string, values: readonly string[]) => {
      const names = values.map((value, index) => {
        parameters[`${prefix}${index}`] = value;
        return `@${prefix}${index}`;
      });
      // An empty list selects nothing, as `matchesFilter` does.
      conditions.push(names.length === 0 ? '0' : `${column} IN (${names.join(', ')})`);
    };
    if (filter?.categories) addMembership('category', 'category', filter.categories);
    if (filter?.eventTypes) addMembership('type', 'type', filter.eventTypes);
    if (filter?.tenantId !== undefined) {
      parameters.tenantId = filter.tenantId;
      conditions.push(`${TENANT_EXPRESSION} = @tenantId`);
    }
    // Pinned to the tenant index: the planner may otherwise pick the position range (the rowid)
    // and read every tenant's rows in it, the cost the index is there to avoid.
    const source = filter?.tenantId !== undefined ? 'es_events INDEXED BY es_events_by_tenant' : 'es_events';
    const statement = this.db.prepare<Record<string, string | number>, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${source} WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT @limit`,
    );
    return (after, upTo, limit) => statement.all({ ...parameters, after, upTo, limit }).map(toRecordedEvent);
  }
}

/** Matching events with after < position <= upTo, at most `limit` of them, in order. */
export type FilteredPageReader = (after: number, upTo: number, limit: number) => RecordedEvent[];

interface StreamRange {
  readonly streamId: string;
  readonly from: number;
  readonly limit: number;
  readonly minRevision: number;
  readonly minRecordedAt: string;
}
