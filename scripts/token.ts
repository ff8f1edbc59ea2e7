import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../platform/auth/auth-context';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import { loadConfig } from '../platform/config';

/** `npm run -s token -- --role ROLE [--tenant ID]`: prints a development token (never in production). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string' }, tenant: { type: 'string' }, subject: { type: 'string' } } });
  if (!isRole(values.role)) throw new Error(`Usage: npm run -s token -- --role ${ROLES.join('|')} [--tenant ID]`);
  const token = await issueDevelopmentToken({
    role: values.role,
    tenantId: values.tenant,
    subject: values.subject,
    keysDir: loadConfig().keysDir,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
