import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Submitted source code under ALGORITHM_STORAGE_PATH, content-addressed: each file is named by the
 * SHA-256 of its bytes, so the same code is stored once however often it is submitted, and a
 * stored file can be checked against its name. The platform only stores and serves it; it never
 * runs it.
 */
export class AlgorithmSourceStore {
  constructor(private readonly directory: string) {}

  /** Stores the bytes (once) and answers their SHA-256. Written to a temporary file and renamed, so a reader never sees half a file. */
  async put(content: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const file = this.fileOf(sha256);
    if (await exists(file)) return sha256;
    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `.${sha256}.${randomUUID()}.tmp`);
    try {
      await writeFile(temporary, content, { flag: 'wx' });
      await rename(temporary, file);
    } finally {
      await rm(temporary, { force: true });
    }
    return sha256;
  }

  /** The stored bytes, or undefined when no file has that hash. */
  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    try {
      return await readFile(this.fileOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private fileOf(sha256: string): string {
    return join(this.directory, sha256);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
