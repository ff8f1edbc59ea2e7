import { createUpcasterRegistry } from '../platform/eventstore/upcasting';
import { EVENT_SCHEMA_VERSIONS, EVENT_UPCASTERS } from '../schema/events';

describe('the domain upcasters', () => {
  it('lift every event type written above version 1 from version 1 to the version written', () => {
    expect(() => createUpcasterRegistry(EVENT_UPCASTERS, { latestVersions: EVENT_SCHEMA_VERSIONS })).not.toThrow();
  });
});
