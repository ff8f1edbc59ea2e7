import { randomUUID } from 'node:crypto';
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * Creates `file` with `content` unless it exists, race-safe on a shared volume: the content goes
 * to a temporary file that is hard-linked into place, which fails if another process took the
 * name first. Readers never see half a file; every racer ends up reading the winner's content.
 */
export function createFileOnce(file: string, content: string | Buffer): void {
  const temporary = `${file}.${process.pid}.${randomUUID()}`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
