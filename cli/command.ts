import type { CliIo } from './cli-io';

/** A `goliath <name> ...` subcommand; adding one is one entry in goliath.ts's table. */
export interface Command {
  readonly name: string;
  /** One line for `goliath --help`. */
  readonly summary: string;
  /** Resolves to the exit code; throws UsageError for the user's mistakes. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
