import { CountProgress } from './count-progress';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  let now = 0;
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes, advance: (ms: number) => (now += ms), now: () => now };
}

describe('CountProgress', () => {
  it('writes a plain line at most once a second when stderr is not a terminal', () => {
    const { stream, writes, advance, now } = recorder(false);
    const progress = new CountProgress(stream, { unit: 'entries verified', now });
    progress.update(100, 400);
    advance(500);
    progress.update(200, 400);
    advance(600);
    progress.update(300, 400);
    progress.finish(400, 400);
    expect(writes).toEqual([
      'progress [#####...............] 100/400 entries verified\n',
      'progress [###############.....] 300/400 entries verified\n',
      'done [####################] 400/400 entries verified\n',
    ]);
  });

  it('redraws in place on a terminal and ends the line; without a total it shows the count', () => {
    const { stream, writes, advance, now } = recorder(true);
    const progress = new CountProgress(stream, { unit: 'events read', now });
    progress.update(1000);
    advance(300);
    progress.update(2000);
    progress.finish(2500);
    expect(writes).toEqual(['\r1000 events read\x1b[K', '\r2000 events read\x1b[K', '\rdone [####################] 2500/2500 events read\x1b[K\n']);
  });
});
