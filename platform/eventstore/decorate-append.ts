import type { EventStore } from './port';

/** The store with its `append` wrapped (timed, traced); every other operation passes straight through. */
export function decorateAppend(store: EventStore, append: EventStore['append']): EventStore {
  return {
    append,
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    headPosition: () => store.headPosition(),
    subscribeToAll: (options) => store.subscribeToAll(options),
    setStreamMetadata: (streamId, metadata) => store.setStreamMetadata(streamId, metadata),
    getStreamMetadata: (streamId) => store.getStreamMetadata(streamId),
    close: () => store.close(),
  };
}
