#!/usr/bin/env node
import { auditCommand } from './audit-command';
import { operatorsCommand } from './operators-command';
import { projectionsCommand } from './projections-command';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { solveCommand } from './solve-command';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

/** Every subcommand, by the name typed after `goliath`. */
const COMMANDS: ReadonlyMap<string, Command> = new Map([solveCommand, auditCommand, operatorsCommand, projectionsCommand].map((command) => [command.name, command]));

export function topLevelUsage(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((name) => name.length));
  const lines = [...COMMANDS.values()].map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ['Usage: goliath <command> [options]', '', 'Commands:', ...lines, '', 'Run "goliath <command> --help" for its options.'].join('\n');
}

/**
 * Runs `goliath <command> ...argv` and resolves to the exit code. User mistakes are printed as one
 * line on stderr (exit 2); anything else is a bug or an environment failure and keeps its stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(`${topLevelUsage()}\n`);
    return EXIT_OK;
  }
  const command = name === undefined ? undefined : COMMANDS.get(name);
  if (!command) {
    io.stderr.write(`goliath: ${name === undefined ? 'missing command' : `unknown command "${name}"`}\n\n${topLevelUsage()}\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`goliath ${command.name}: ${error.message}\nRun "goliath ${command.name} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`goliath ${command.name}: unexpected failure\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** Ctrl-C once: stop the solve and print what it found. Twice: leave at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  return controller.signal;
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: interruptSignal() }).then(
    // exitCode rather than exit(): stdout may still be flushing into a pipe.
    (code) => (process.exitCode = code),
  );
}
