import { SolveGate } from './solve-gate';

/** A solve that ends when the test says so. */
function pendingSolve() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SolveGate', () => {
  it('runs up to its capacity at once, queues the next ones and refuses the rest with SOLVER_BUSY', async () => {
    // given a gate for one solve with room for one waiting
    const gate = new SolveGate(1, 1, 10);
    const [first, second] = [pendingSolve(), pendingSolve()];
    const started: string[] = [];
    const running = gate.run(async () => (started.push('first'), first.work()));
    const queued = gate.run(async () => (started.push('second'), second.work()));
    await settle();
    // when a third arrives, then it is refused with the code and when to retry
    await expect(gate.run(async () => undefined)).rejects.toMatchObject({ extensions: { code: 'SOLVER_BUSY', retryAfterSeconds: 10 } });
    expect(started).toEqual(['first']);
    // and the queued one starts when the first ends
    first.finish();
    await running;
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.finish();
    await queued;
  });

  it('tells its load (slots, solves running, solves waiting) for the solver-pool metrics', async () => {
    // given a gate of two slots with three solves sent to it
    const gate = new SolveGate(2, 5, 10);
    const solves = [pendingSolve(), pendingSolve(), pendingSolve()];
    const runs = solves.map((solve) => gate.run(solve.work));
    await settle();
    // then two run and one waits
    expect(gate.load()).toEqual({ size: 2, busy: 2, queued: 1 });
    solves.forEach((solve) => solve.finish());
    await Promise.all(runs);
    expect(gate.load()).toEqual({ size: 2, busy: 0, queued: 0 });
  });

  it('admits waiting solves at once when its capacity grows', async () => {
    const gate = new SolveGate(1, 5, 10);
    const solves = [pendingSolve(), pendingSolve(), pendingSolve()];
    const started: number[] = [];
    const runs = solves.map((solve, index) => gate.run(async () => (started.push(index), solve.work())));
    await settle();
    expect(started).toEqual([0]);
    gate.resize(3);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    solves.forEach((solve) => solve.finish());
    await Promise.all(runs);
  });
});
