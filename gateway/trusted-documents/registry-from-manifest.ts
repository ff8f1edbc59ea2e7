import type { Logger } from '../../platform/logging';
import { BUILT_IN_DOCUMENTS } from './built-in-documents';
import { loadManifestFile, manifestVersion } from './manifest-file';
import { documentHash } from './operation-documents';
import { TrustedDocumentRegistry } from './trusted-document-registry';

export interface RegistryFromManifest {
  current(): TrustedDocumentRegistry;
  /** Reads the manifest again if the file changed since it was last read; answers whether it did. */
  reloadIfChanged(): Promise<boolean>;
}

/**
 * The gateway's own documents and the manifest's. Read at start, where a malformed manifest stops
 * the gateway; read again on demand, where a malformed one is logged and the documents read
 * before still apply. A missing manifest is none yet.
 */
export async function registryFromManifest(manifestPath: string, { logger, maxTokens }: { logger: Logger; maxTokens: number }): Promise<RegistryFromManifest> {
  const builtIns = BUILT_IN_DOCUMENTS.map((body) => ({ id: documentHash(body), body }));
  const loaded = await loadManifestFile(manifestPath);
  let version = loaded.version;
  let registry = new TrustedDocumentRegistry([...builtIns, ...loaded.documents], maxTokens);
  if (version === 'missing') logger.warn({ manifestPath }, 'no trusted documents yet: only the gateway’s own documents run until `goliath documents register` writes the manifest');
  else logger.info({ manifestPath, documents: loaded.documents.length }, 'trusted documents loaded');

  let reloading: Promise<boolean> | undefined;
  const reload = async (): Promise<boolean> => {
    try {
      const current = await manifestVersion(manifestPath);
      if (current === version) return false;
      version = current;
      registry = new TrustedDocumentRegistry([...builtIns, ...(await loadManifestFile(manifestPath)).documents], maxTokens);
      logger.info({ manifestPath, documents: registry.size - builtIns.length }, 'trusted documents reloaded');
      return true;
    } catch (error) {
      logger.error({ err: error, manifestPath }, 'trusted documents not reloaded: the manifest cannot be read; the documents read before still apply');
      return false;
    } finally {
      reloading = undefined;
    }
  };
  return {
    current: () => registry,
    // Requests that miss at the same moment share one look at the file.
    reloadIfChanged: () => (reloading ??= reload()),
  };
}
