import { NO_UPCASTERS } from '../../platform/eventstore/upcasting';
import { replayTenantAsOf } from '../../platform/replay';
import { allDocuments, recordingLogger, storesInTempDir, type StoresInTempDir } from '../../projections/runner.fixtures';
import { ProjectionRunner } from '../../projections/runner';
import { parcelStreamId, parcelWeighedAtVersion1, parcelWeighedAtVersion2, parcelWeightsProjection, TEST_UPCASTERS } from '../support/upcasting';

/** An event written at version 1 is read at version 2 by every reader that folds events; the store keeps version 1. */
describe('upcasting on read (SQLite event store + SQLite read store)', () => {
  let stores: StoresInTempDir;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    stores = storesInTempDir();
    await stores.eventStore.append(parcelStreamId('old'), [parcelWeighedAtVersion1('old', 1200)], 'no-stream');
    await stores.eventStore.append(parcelStreamId('new'), [parcelWeighedAtVersion2('new', 800)], 'no-stream');
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await stores.close();
  });

  const WEIGHTS = [
    { id: 'new', tenantId: 't1', value: 800, unit: 'g' },
    { id: 'old', tenantId: 't1', value: 1200, unit: 'g' },
  ];

  it('the projection runner hands projections version 2', async () => {
    runner = new ProjectionRunner({ eventStore: stores.eventStore, readStore: stores.readStore, projections: [parcelWeightsProjection], upcasters: TEST_UPCASTERS, logger: recordingLogger() });
    await runner.start();
    await runner.waitFor(await stores.eventStore.headPosition(), 5_000);
    expect(await allDocuments(stores.readStore, 'parcel_weights')).toEqual(WEIGHTS);
  });

  it('replay hands projections version 2', async () => {
    const replay = await replayTenantAsOf(stores.eventStore, 't1', { position: await stores.eventStore.headPosition() }, [parcelWeightsProjection], TEST_UPCASTERS);
    expect(replay.collections).toEqual([{ name: 'parcel_weights', documents: WEIGHTS }]);
  });

  it('without the upcaster the projection meets version 1 and refuses it (the test projection really needs the upcast)', async () => {
    await expect(replayTenantAsOf(stores.eventStore, 't1', { position: 10 }, [parcelWeightsProjection], NO_UPCASTERS)).rejects.toThrow(
      'parcel-weights reads ParcelWeighed at version 2, got version 1',
    );
  });

  it('leaves the stored event at version 1', async () => {
    runner = new ProjectionRunner({ eventStore: stores.eventStore, readStore: stores.readStore, projections: [parcelWeightsProjection], upcasters: TEST_UPCASTERS, logger: recordingLogger() });
    await runner.start();
    await runner.waitFor(await stores.eventStore.headPosition(), 5_000);
    await replayTenantAsOf(stores.eventStore, 't1', { position: 10 }, [parcelWeightsProjection], TEST_UPCASTERS);
    const [stored] = await stores.eventStore.readStream(parcelStreamId('old'));
    expect(stored).toMatchObject({ data: { parcelId: 'old', grams: 1200 }, metadata: { schemaVersion: 1 } });
  });
});
