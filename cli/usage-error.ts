/**
 * A mistake in what the user typed or pointed at (bad flag, unreadable or malformed file). The
 * entry point prints its message alone, without a stack trace, and exits with EXIT_USAGE.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
/** Anything unexpected: a bug or an environment failure, reported with its stack. */
export const EXIT_FAILURE = 1;
/** The conventional code for bad usage (as in getopt tools and bash builtins). */
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (SIGINT): 128 + the signal's number, as shells report it. */
export const EXIT_INTERRUPTED = 130;
