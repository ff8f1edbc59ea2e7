import type { CollectionSpec } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';
import { searchTerms } from './search-terms';

/** Looks up a collection's declared spec; refreshes from the database when the caller may be stale. */
export interface AsyncSpecSource {
  spec(name: string, refresh: boolean): Promise<CollectionSpec | undefined>;
}

/**
 * The checks a read of one collection makes against its declared spec, for adapters whose spec
 * lookups are asynchronous. A cached spec may predate another process redefining the collection,
 * so a check that fails on it runs once more against a fresh one before the read is refused.
 */
export class DeclaredSpec {
  constructor(
    private readonly name: string,
    private readonly specs: AsyncSpecSource,
  ) {}

  async spec(): Promise<CollectionSpec> {
    const spec = (await this.specs.spec(this.name, false)) ?? (await this.specs.spec(this.name, true));
    if (!spec) throw new InvalidReadQueryError(`Collection ${this.name} is not defined`);
    return spec;
  }

  /** Runs the check with the declared indexes. */
  async check<R>(check: (indexed: ReadonlySet<string>) => R): Promise<R> {
    try {
      return check(new Set((await this.spec()).indexes));
    } catch (error) {
      if (!(error instanceof InvalidReadQueryError)) throw error;
      const fresh = await this.specs.spec(this.name, true);
      if (!fresh) throw error;
      return check(new Set(fresh.indexes));
    }
  }

  /** The words to search for, once the collection is known to declare text fields. */
  async searchTerms(text: string): Promise<string[]> {
    if (!hasTextFields(await this.spec())) {
      const fresh = await this.specs.spec(this.name, true);
      if (!fresh || !hasTextFields(fresh)) throw new InvalidReadQueryError(`Collection ${this.name} declares no text fields to search`);
    }
    return searchTerms(text);
  }
}

function hasTextFields(spec: CollectionSpec): boolean {
  return (spec.textFields ?? []).length > 0;
}
