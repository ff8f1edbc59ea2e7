import type { EventMetadata, EventStore, RecordedEvent } from './port';

/**
 * Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. A stored event is never
 * rewritten (DESIGN §3): a new shape gets a new schema version, and readers that fold events see
 * old ones through the chain of upcasters. Must be pure: it returns new data and leaves `data`
 * (the stored event's) untouched.
 */
export interface Upcaster<From = unknown, To = unknown> {
  readonly eventType: string;
  readonly fromVersion: number;
  upcast(data: From, metadata: EventMetadata): To;
}

/**
 * Applied on read by whoever folds events (projections, replay, deciders); never by what must see
 * events as stored (the audit chain's verification hashes stored data, exports write it).
 */
export interface UpcasterRegistry {
  /**
   * The event lifted from its stored `metadata.schemaVersion` to the latest version its upcasters
   * reach, as a new object with that version in its metadata. An event with nothing to lift is
   * returned itself.
   */
  upcast(recorded: RecordedEvent): RecordedEvent;
}

export interface UpcasterRegistryOptions {
  /**
   * The version writers stamp on each event type. When given, the registry refuses to exist unless
   * every type written above version 1 has a chain from version 1 up to it, and no chain goes
   * past it: bumping a version without its upcaster fails at start, not on the first old event.
   */
  readonly latestVersions?: Readonly<Record<string, number>>;
}

/** For readers with no upcasters (tests of other things, stores of platform-only events). */
export const NO_UPCASTERS: UpcasterRegistry = { upcast: (recorded) => recorded };

export function createUpcasterRegistry(upcasters: readonly Upcaster[], options: UpcasterRegistryOptions = {}): UpcasterRegistry {
  const chains = chainsByType(upcasters);
  if (options.latestVersions) checkReachesLatest(chains, options.latestVersions);
  if (chains.size === 0) return NO_UPCASTERS;
  return {
    upcast(recorded) {
      const chain = chains.get(recorded.type);
      return chain ? upcastAlong(chain, recorded) : recorded;
    },
  };
}

/** Each type's upcasters ordered by version; refuses duplicates and gaps, which would make a chain ambiguous or broken. */
function chainsByType(upcasters: readonly Upcaster[]): Map<string, readonly Upcaster[]> {
  const byType = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) {
    if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw new Error(`Upcaster of ${upcaster.eventType}: fromVersion must be an integer of 1 or more, not ${upcaster.fromVersion}`);
    }
    const chain = byType.get(upcaster.eventType) ?? [];
    if (chain.some((other) => other.fromVersion === upcaster.fromVersion)) {
      throw new Error(`Two upcasters lift ${upcaster.eventType} from version ${upcaster.fromVersion}`);
    }
    chain.push(upcaster);
    byType.set(upcaster.eventType, chain);
  }
  for (const [eventType, chain] of byType) {
    chain.sort((a, b) => a.fromVersion - b.fromVersion);
    chain.forEach((upcaster, index) => {
      const expected = chain[0].fromVersion + index;
      if (upcaster.fromVersion !== expected) throw new Error(`No upcaster lifts ${eventType} from version ${expected} (the chain jumps to ${upcaster.fromVersion})`);
    });
  }
  return byType;
}

function checkReachesLatest(chains: ReadonlyMap<string, readonly Upcaster[]>, latestVersions: Readonly<Record<string, number>>): void {
  for (const [eventType, chain] of chains) {
    const latest = latestVersions[eventType];
    if (latest === undefined) throw new Error(`Upcasters lift ${eventType}, which is not a known event type`);
    const reached = chain[chain.length - 1].fromVersion + 1;
    if (reached !== latest) throw new Error(`The upcasters of ${eventType} reach version ${reached}, but it is written at version ${latest}`);
  }
  for (const [eventType, latest] of Object.entries(latestVersions)) {
    if (latest <= 1) continue;
    const first = chains.get(eventType)?.[0].fromVersion;
    if (first !== 1) throw new Error(`${eventType} is written at version ${latest}, but no upcaster lifts it from version 1`);
  }
}

function upcastAlong(chain: readonly Upcaster[], recorded: RecordedEvent): RecordedEvent {
  const stored = recorded.metadata.schemaVersion;
  const first = chain[0].fromVersion;
  const latest = chain[chain.length - 1].fromVersion + 1;
  // A version newer than the chain knows was written by newer code: there is nothing to lift it to.
  if (stored >= latest) return recorded;
  if (!Number.isInteger(stored) || stored < first) {
    throw new Error(`${recorded.type} at position ${recorded.position} is stored at version ${String(stored)}; its upcasters start at version ${first}`);
  }
  let data = recorded.data;
  for (const upcaster of chain.slice(stored - first)) data = upcaster.upcast(data, recorded.metadata);
  return { ...recorded, data, metadata: { ...recorded.metadata, schemaVersion: latest } };
}

/**
 * The store as readers that show events (the gateway's subscriptions) must see it: every event
 * read or delivered in its latest shape, so a late subscriber to an old stream gets what the API
 * writes today. Appends and everything else pass through unchanged.
 */
export function upcastOnRead(store: EventStore, upcasters: UpcasterRegistry): EventStore {
  if (upcasters === NO_UPCASTERS) return store;
  const upcastAll = async function* (events: AsyncIterable<RecordedEvent>) {
    for await (const event of events) yield upcasters.upcast(event);
  };
  return {
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).map((event) => upcasters.upcast(event)),
    readAll: (options) => upcastAll(store.readAll(options)),
    subscribeToAll: (options) => {
      const subscription = store.subscribeToAll(options);
      return { close: () => subscription.close(), [Symbol.asyncIterator]: () => upcastAll(subscription)[Symbol.asyncIterator]() };
    },
    append: (streamId, events, expected) => store.append(streamId, events, expected),
    headPosition: () => store.headPosition(),
    setStreamMetadata: (streamId, metadata) => store.setStreamMetadata(streamId, metadata),
    getStreamMetadata: (streamId) => store.getStreamMetadata(streamId),
    close: () => store.close(),
  };
}
