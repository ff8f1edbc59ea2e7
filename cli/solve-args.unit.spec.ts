import { availableParallelism } from 'node:os';
import { parseSolveArgs, SOLVE_USAGE } from './solve-args';
import { UsageError } from './usage-error';

describe('parseSolveArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseSolveArgs(['bqp50.txt'])).toEqual({
      help: false,
      file: 'bqp50.txt',
      format: undefined,
      instance: undefined,
      timeLimitMs: 10_000,
      strategy: 'AUTO',
      seed: undefined,
      workers: availableParallelism(),
    });
  });

  it('reads every option, in any order around the file', () => {
    const args = parseSolveArgs(['--time', '500ms', 'f.gz', '--format=bqp', '--instance', '3', '--strategy', 'TABU', '--seed', '0', '--workers', '0']);
    expect(args).toEqual({ help: false, file: 'f.gz', format: 'bqp', instance: 3, timeLimitMs: 500, strategy: 'TABU', seed: 0, workers: 0 });
  });

  it('answers --help and -h without needing a file', () => {
    expect(parseSolveArgs(['--help'])).toEqual({ help: true });
    expect(parseSolveArgs(['-h', 'x.txt'])).toEqual({ help: true });
    expect(SOLVE_USAGE).toContain('--format bqp|gset|json');
  });

  it.each([
    [[], /missing FILE/],
    [['a.txt', 'b.txt'], /expected one FILE, got 2/],
    [['a.txt', '--frob'], /^unknown option --frob$/],
    [['a.txt', '-x'], /^unknown option -x$/],
    [['a.txt', '--time'], /argument missing/],
    [['a.txt', '--time', '10'], /--time must be a duration/],
    [['a.txt', '--format', 'csv'], /--format must be one of bqp, gset, json, got "csv"/],
    [['a.txt', '--strategy', 'greedy'], /--strategy must be one of SA, TABU, AUTO/],
    [['a.txt', '--instance', '0'], /--instance must be an integer within 1\.\./],
    [['a.txt', '--instance', '1.5'], /--instance must be an integer/],
    [['a.txt', '--seed=-1'], /--seed must be an integer within 0\.\.4294967295/],
    [['a.txt', '--seed', '4294967296'], /--seed must be an integer/],
    [['a.txt', '--workers', 'many'], /--workers must be an integer within 0\.\.256/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSolveArgs(argv)).toThrow(UsageError);
    expect(() => parseSolveArgs(argv)).toThrow(message);
  });
  it('takes --strategy in any case, as the API writes it (SA) or as typed before (sa)', () => {
    expect(parseSolveArgs(['f.txt', '--strategy', 'SA'])).toMatchObject({ strategy: 'SA' });
    expect(parseSolveArgs(['f.txt', '--strategy', 'sa'])).toMatchObject({ strategy: 'SA' });
    expect(parseSolveArgs(['f.txt', '--strategy', 'Tabu'])).toMatchObject({ strategy: 'TABU' });
  });
});
