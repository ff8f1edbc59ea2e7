#!/usr/bin/env node
import { auditCommand } from './audit-command';
import { documentsCommand } from './documents-command';
import { forecastCommand } from './forecast-command';
import { migrateCommand } from './migrate-command';
import { operatorsCommand } from './operators-command';
import { projectionsCommand } from './projections-command';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { solveCommand } from './solve-command';
import { tokenCommand } from './token-command';
import { usageCommand } from './usage-command';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/project-root';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

/** Every subcommand, by the name typed after `goliath`. */
const COMMANDS: ReadonlyMap<string, Command> = new Map([solveCommand, auditCommand, operatorsCommand, projectionsCommand, tokenCommand, usageCommand, forecastCommand, documentsCommand, migrateCommand].map((command) => [command.name, command]));

export function topLevelUsage(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((name) => name.length));
  const lines = [...COMMANDS.values()].map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ['Usage: goliath <command> [options]', '       goliath --version', '', 'Commands:', ...lines, '', 'Run "goliath <command> --help" for its options.'].join('\n');
}

/** The version of the goliath package this CLI belongs to. */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(__dirname), 'package.json'), 'utf8')) as { version: string }).version;
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
  if (name === '-V' || name === '--version' || name === 'version') {
    io.stdout.write(`${cliVersion()}\n`);
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

/**
 * Ctrl-C. A command that handles it (solve) is asked to stop through the signal, prints what it
 * found and exits 130; a second Ctrl-C leaves at once. Any other command is ended at once with 130.
 */
function interruptSignal(command: Command | undefined): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted || !command?.handlesInterrupt) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  });
  return controller.signal;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  runCli(argv, { stdout: process.stdout, stderr: process.stderr, signal: interruptSignal(COMMANDS.get(argv[0] ?? '')) }).then(
    // exitCode rather than exit(): stdout may still be flushing into a pipe.
    (code) => (process.exitCode = code),
  );
}
