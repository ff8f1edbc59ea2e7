import type { OutputStream } from './cli-io';
import { ProgressBar } from './progress-bar';

class Recorder implements OutputStream {
  readonly writes: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

/** A bar over a 10 s budget whose clock the test moves, with a bqp-like (maximising) convention. */
function barOn(stream: Recorder): { bar: ProgressBar; at: (ms: number) => void } {
  let now = 0;
  const bar = new ProgressBar(stream, { timeLimitMs: 10_000, toObjective: (energy) => -energy, now: () => now });
  return { bar, at: (ms) => (now = ms) };
}

const progress = (elapsedMs: number, bestEnergy = -2098) => ({ bestEnergy, elapsedMs, fractionOfBudget: elapsedMs / 10_000 });

describe('ProgressBar', () => {
  it('on a terminal, redraws one line in place at most 4 times a second', () => {
    const stream = new Recorder(true);
    const { bar, at } = barOn(stream);
    for (const ms of [0, 100, 250, 400, 500, 5000]) {
      at(ms);
      bar.update(progress(ms));
    }
    expect(stream.writes).toHaveLength(4); // 0, 250, 500, 5000
    expect(stream.writes.every((text) => text.startsWith('\r') && !text.includes('\n'))).toBe(true);
    expect(stream.writes[3]).toContain('[##########..........] 5.0s/10.0s  best objective 2098  energy -2098');
  });

  it('on a terminal, finishes with a full bar and a newline', () => {
    const stream = new Recorder(true);
    const { bar } = barOn(stream);
    bar.update(progress(0));
    bar.finish({ bestEnergy: -2098, elapsedMs: 10_000, fractionOfBudget: 1 });
    expect(stream.writes[1]).toMatch(/^\r\[#{20}\] done 10\.0s\/10\.0s  best objective 2098  energy -2098.*\n$/);
  });

  it('elsewhere (logs, pipes), prints plain lines at most once a second', () => {
    const stream = new Recorder(false);
    const { bar, at } = barOn(stream);
    for (const ms of [250, 500, 750, 1000, 1250, 2250]) {
      at(ms);
      bar.update(progress(ms));
    }
    bar.finish({ bestEnergy: -2098, elapsedMs: 2300, fractionOfBudget: 0.23 });
    expect(stream.writes).toEqual([
      'progress 0.3s/10.0s  best objective 2098  energy -2098\n',
      'progress 1.3s/10.0s  best objective 2098  energy -2098\n',
      'progress 2.3s/10.0s  best objective 2098  energy -2098\n',
      'done 2.3s/10.0s  best objective 2098  energy -2098\n',
    ]);
  });

  it('shows a dash until the engine has a best energy', () => {
    const stream = new Recorder(false);
    barOn(stream).bar.update(progress(0, Infinity));
    expect(stream.writes[0]).toBe('progress 0.0s/10.0s  best objective -  energy -\n');
  });
});
