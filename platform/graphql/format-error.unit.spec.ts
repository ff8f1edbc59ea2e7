import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import { formatSubgraphError, isStorageFull } from './format-error';

/** A resolver's error as Apollo Server hands it to formatError. */
const fromResolver = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['createProblem'] });
const formatted = (error: GraphQLError) => formatSubgraphError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);

/** SQLite's own "database or disk is full", made by capping the file's pages. */
function realSqliteFull(): Error {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE filler (text TEXT)');
    db.pragma('max_page_count = 3');
    for (;;) db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(4096));
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
}

describe('formatSubgraphError', () => {
  it.each([
    ['SQLite\'s SQLITE_FULL', realSqliteFull()],
    ['the file system\'s ENOSPC', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })],
    ['ENOSPC as the cause of another error', new Error('the append failed', { cause: Object.assign(new Error('no space'), { code: 'ENOSPC' }) })],
  ])('answers STORAGE_FULL with a remedy for %s', (_what, error) => {
    expect(isStorageFull(error)).toBe(true);
    const answer = formatted(fromResolver(error));
    expect(answer.extensions?.code).toBe('STORAGE_FULL');
    expect(answer.message).toMatch(/out of storage space, so nothing was saved; retry once/);
    expect(answer.message).not.toMatch(/SQLITE|ENOSPC/);
  });

  it('leaves other unexpected errors as INTERNAL_SERVER_ERROR', () => {
    expect(isStorageFull(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(formatted(fromResolver(new Error('boom'))).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
