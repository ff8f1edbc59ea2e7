import type { CliIo } from './cli-io';

/** A `goliath <name> ...` subcommand; adding one is one entry in goliath.ts's table. */
export interface Command {
  readonly name: string;
  /** One line for `goliath --help`. */
  readonly summary: string;
  /**
   * True when the command watches `io.signal` and winds down itself on Ctrl-C (solve prints its
   * best result so far); any other command is ended at once with exit 130.
   */
  readonly handlesInterrupt?: boolean;
  /** Resolves to the exit code; throws UsageError for the user's mistakes. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
