import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../platform/commands/decider';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import type { NewEvent } from '../../platform/eventstore/port';
import { algorithmStreamId, eventSchemaVersion, type AlgorithmRated, type AlgorithmVersionApproved, type AlgorithmVersionSubmitted } from '../../schema/events';
import { checkSubmission } from '../../subgraphs/community/marketplace/validation/check-submission';
import { ListingCorpus } from './listing-corpus';

export interface SeedOptions {
  /** The platform's SQLite file, written through a connection of this process (as another replica would). */
  readonly sqliteFile: string;
  readonly count: number;
  readonly seed: number;
  readonly authorTenantId: string;
  readonly authorId: string;
  readonly operatorTenantId: string;
  readonly reviewerId: string;
  readonly raterTenantId: string;
}

const APPENDS_IN_FLIGHT = 500;
const DAY_MS = 86_400_000;
const RATING_TEXTS = ['Solid results on our instances.', 'Easy to set up.', 'Slower than advertised.', 'Good value for the price.', 'Documentation could be clearer.'];

/**
 * Appends `count` listings, each submitted, approved by a moderator and sometimes rated, straight
 * into the event log (the API would take far too long), approved over the last two years so that
 * NEWEST has something to order. Content is checked and rendered by the marketplace's own
 * validation, so the events are exactly what submitAlgorithm would record. Appends run many at
 * once so the store's group commit writes them in few transactions. Returns the listings' ids.
 */
export async function seedListings(options: SeedOptions): Promise<string[]> {
  const store = createSqliteEventStore({ file: options.sqliteFile });
  const corpus = new ListingCorpus(options.seed);
  const now = Date.now();
  const ids: string[] = [];
  try {
    let inFlight: Promise<unknown>[] = [];
    for (let serial = 0; serial < options.count; serial++) {
      const listing = corpus.next(serial);
      const checked = checkSubmission(listing.input);
      if (!checked.content) throw new Error(`The corpus made an invalid listing: ${JSON.stringify(checked.problems)}`);
      const { source: _source, ...content } = checked.content;
      const algorithmId = randomUUID();
      ids.push(algorithmId);
      const approvedAt = now - DAY_MS - Math.floor(((serial + 0.5) / options.count) * 730 * DAY_MS);
      const submission: AlgorithmVersionSubmitted['data'] = { algorithmId, version: 1, tenantId: options.authorTenantId, authorId: options.authorId, ...content, sourceBytes: null, submittedAt: iso(approvedAt - DAY_MS) };
      const review: AlgorithmVersionApproved['data'] = { algorithmId, version: 1, tenantId: options.authorTenantId, authorId: options.authorId, reviewerId: options.reviewerId, reason: '', reviewedAt: iso(approvedAt) };
      const ratings = listing.ratings.map((stars, i): AlgorithmRated => ({
        type: 'AlgorithmRated',
        data: { algorithmId, version: 1, raterTenantId: options.raterTenantId, raterId: `rater-${i}`, stars, text: RATING_TEXTS[(serial + i) % RATING_TEXTS.length], ratedAt: iso(approvedAt + (i + 1) * 3_600_000) },
      }));
      const events = [
        asNew({ type: 'AlgorithmVersionSubmitted', data: submission }, options.authorTenantId, options.authorId, submission.submittedAt),
        asNew({ type: 'AlgorithmVersionApproved', data: review }, options.operatorTenantId, options.reviewerId, review.reviewedAt),
        ...ratings.map((rating) => asNew(rating, options.raterTenantId, rating.data.raterId, rating.data.ratedAt)),
      ];
      inFlight.push(store.append(algorithmStreamId(algorithmId), events, 'no-stream'));
      if (inFlight.length >= APPENDS_IN_FLIGHT) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    return ids;
  } finally {
    await store.close();
  }
}

function asNew(event: DomainEvent, tenantId: string, actor: string, occurredAt: string): NewEvent {
  const correlationId = randomUUID();
  return { id: randomUUID(), type: event.type, data: event.data, metadata: { tenantId, actor, correlationId, causationId: correlationId, occurredAt, schemaVersion: eventSchemaVersion(event.type) } };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
