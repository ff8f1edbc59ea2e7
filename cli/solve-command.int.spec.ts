import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './goliath';
import type { SolveReport } from './solve-report';
import { capturedIo } from './test-support/captured-io';
import { sharedDataFile } from '../test/support/shared-data';

const BQP50 = sharedDataFile('qubo', 'orlib', 'bqp50.txt');
/** bqp50.1's best-known value (Beasley 1998); tabu search reaches it within milliseconds. */
const BQP50_1_BEST_KNOWN = 2098;

/** Runs `goliath solve ...argv` in this process; stdout must hold exactly one JSON document. */
async function solve(argv: string[]): Promise<{ code: number; report: SolveReport; stderr: string }> {
  const io = capturedIo();
  const code = await runCli(['solve', ...argv], io);
  return { code, report: JSON.parse(io.out()) as SolveReport, stderr: io.err() };
}

describe('goliath solve (in-process)', () => {
  it('finds the best-known value of bqp50.1 and prints only JSON on stdout', async () => {
    const { code, report, stderr } = await solve([BQP50, '--instance', '1', '--time', '2s', '--seed', '1', '--workers', '1']);

    expect(code).toBe(0);
    expect(report).toMatchObject({ file: BQP50, format: 'bqp', instance: 1, variables: 50, requestedStrategy: 'AUTO', seed: 1, stoppedBy: 'time' });
    expect(report.bestObjective).toBe(BQP50_1_BEST_KNOWN);
    expect(report.bestEnergy).toBe(-BQP50_1_BEST_KNOWN);
    expect(report.assignment).toMatch(/^[01]{50}$/);
    expect(report.parameters).toMatchObject({ seed: 1, timeLimitMs: 2000, workers: 1 });
    expect(report.timeToBestMs).toBeLessThanOrEqual(report.totalTimeMs);
    expect(report.totalTimeMs).toBeGreaterThanOrEqual(2000);
    expect(report.flipsAttempted).toBeGreaterThan(0);
    expect(report.trace.at(-1)).toMatchObject({ energy: -BQP50_1_BEST_KNOWN, objective: BQP50_1_BEST_KNOWN });
    // Not a terminal: plain progress lines, no carriage returns, ending with the summary.
    expect(stderr).not.toContain('\r');
    expect(stderr).toMatch(/^progress /);
    expect(stderr).toMatch(/done 2\.\ds\/2\.0s {2}best objective 2098 {2}energy -2098\n$/);
  });

  it('reads a JSON file in its stated sense and reports the assignment in its variable order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'goliath-cli-')), 'tiny.json');
    // Maximise 2a + b + c − 3ab: the unique best is a = c = 1, b = 0, worth 3.
    const problem = {
      variables: ['a', 'b', 'c'],
      linear: [
        { variable: 'a', coefficient: 2 },
        { variable: 'b', coefficient: 1 },
        { variable: 'c', coefficient: 1 },
      ],
      quadratic: [{ u: 'a', v: 'b', coefficient: -3 }],
      sense: 'MAXIMIZE',
    };
    writeFileSync(file, JSON.stringify(problem));

    const { code, report } = await solve([file, '--time', '200ms', '--seed', '7', '--workers', '0', '--strategy', 'SA']);

    expect(code).toBe(0);
    expect(report).toMatchObject({ format: 'json', instance: null, variables: 3, requestedStrategy: 'SA', strategy: 'SA', seed: 7 });
    expect(report).toMatchObject({ bestObjective: 3, bestEnergy: -3, assignment: '101' });
  });

  it('refuses a malformed file with the line at fault, exit 2, nothing on stdout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'goliath-cli-')), 'broken.txt');
    writeFileSync(file, ' 1\n 3 2\n 1 2 5\n 2 x 4\n');
    const io = capturedIo();

    expect(await runCli(['solve', file, '--time', '100ms'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`goliath solve: ${file}: bqp line 4: j must be an integer, got "x"\nRun "goliath solve --help" for usage.\n`);
  });

  it('stops early when signalled, still prints the best result and exits 130', async () => {
    const controller = new AbortController();
    const io = capturedIo(controller.signal);
    setTimeout(() => controller.abort(), 300);

    expect(await runCli(['solve', BQP50, '--time', '1m', '--workers', '1'], io)).toBe(130);
    const report = JSON.parse(io.out()) as SolveReport;
    expect(report.stoppedBy).toBe('cancelled');
    expect(report.totalTimeMs).toBeLessThan(5000);
  });
});
