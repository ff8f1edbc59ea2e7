import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('given a run in progress, when asked to run again, then it joins that run instead of starting another', async () => {
    let runs = 0;
    let finish!: () => void;
    const task = new PeriodicTask(60_000, () => new Promise<void>((resolve) => ((runs += 1), (finish = resolve))), () => undefined);
    const first = task.runOnce();
    const second = task.runOnce();
    finish();
    await Promise.all([first, second]);
    expect(runs).toBe(1);
    const third = task.runOnce();
    finish();
    await third;
    expect(runs).toBe(2);
  });

  it('given failing work, when run, then the error goes to its handler and the next run still happens', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const task = new PeriodicTask(60_000, async () => {
      runs += 1;
      throw new Error('store busy');
    }, (error) => errors.push(error));
    await task.runOnce();
    await task.runOnce();
    expect([runs, errors.length]).toEqual([2, 2]);
  });

  it('given a started task, when stopped, then it waits for the run in progress and runs no more', async () => {
    let runs = 0;
    const task = new PeriodicTask(5, async () => {
      runs += 1;
    }, () => undefined);
    task.start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await task.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(after);
    expect(after).toBeGreaterThan(0);
  });
});
