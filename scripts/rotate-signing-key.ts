import { rotateSigningKey, readStoredSigningKeys } from '../platform/auth/signing-keys';
import { loadConfig } from '../platform/config';

/**
 * `npm run keys:rotate`: adds a new signing key to KEYS_DIR. Running processes sign with it
 * from their next token on and verify it without a restart; the previous key keeps verifying
 * for SIGNING_KEY_GRACE_SECONDS, so no session in flight is cut off.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const before = readStoredSigningKeys(config.keysDir);
  const added = await rotateSigningKey(config.keysDir);
  const previous = before[before.length - 1];
  const lines = [`New signing key ${added.kid} (generation ${added.generation}) in ${config.keysDir}; it signs from now on.`];
  if (previous && previous.kid !== added.kid) {
    const retiresAt = new Date(added.createdAt + config.signingKeyGraceSeconds * 1000).toISOString();
    lines.push(`Key ${previous.kid} still verifies until ${retiresAt} (SIGNING_KEY_GRACE_SECONDS=${config.signingKeyGraceSeconds}).`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
