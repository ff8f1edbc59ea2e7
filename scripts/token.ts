import { runToken } from './token-command';

/** `npm run -s token -- --role ROLE [--tenant ID] [--ttl 15m]`: prints a development token (never in production); see TOKEN_USAGE. */
void runToken(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => (process.exitCode = code));
