import { runCli, topLevelUsage } from './goliath';
import { capturedIo as captured } from './test-support/captured-io';

describe('goliath dispatch', () => {
  it('lists its commands on --help, on stdout, exit 0', async () => {
    const io = captured();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toBe(`${topLevelUsage()}\n`);
    expect(io.out()).toMatch(/^\s+solve\s+solve a bqp, Gset or JSON/m);
  });

  it.each([[[]], [['frobnicate']]])('refuses %j with the usage on stderr, exit 2', async (argv) => {
    const io = captured();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Usage: goliath <command>');
  });

  it('prints a user mistake as one message, without a stack trace, exit 2', async () => {
    const io = captured();
    expect(await runCli(['solve', 'missing.txt', '--time', '1s'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('goliath solve: cannot read missing.txt: no such file\nRun "goliath solve --help" for usage.\n');
  });

  it('prints the solve usage on solve --help', async () => {
    const io = captured();
    expect(await runCli(['solve', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: goliath solve FILE/);
  });
});
