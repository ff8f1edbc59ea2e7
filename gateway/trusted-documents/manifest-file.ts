import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { manifestJson, parseManifest, type TrustedDocument } from './trusted-document-manifest';

/** The documents of the manifest at `path`; none when there is no file yet. Throws on a file that is not a manifest. */
export function readManifestFile(path: string): TrustedDocument[] {
  return existsSync(path) ? parseManifest(readFileSync(path, 'utf8'), path) : [];
}

/** Replaces the manifest in one rename, so a gateway reading it meanwhile sees the old file or the new one, never half of one. */
export function writeManifestFile(path: string, documents: readonly TrustedDocument[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, manifestJson(documents));
  renameSync(partial, path);
}

/** What tells one version of the file from the next: a rename gives a new inode, an edit in place a new mtime or size. */
export async function manifestVersion(path: string): Promise<string> {
  try {
    const { ino, mtimeMs, size } = await stat(path);
    return `${ino}:${mtimeMs}:${size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** The manifest's documents, with the version read (see manifestVersion); none when there is no file yet. */
export async function loadManifestFile(path: string): Promise<{ version: string; documents: TrustedDocument[] }> {
  const version = await manifestVersion(path);
  if (version === 'missing') return { version, documents: [] };
  return { version, documents: parseManifest(await readFile(path, 'utf8'), path) };
}
