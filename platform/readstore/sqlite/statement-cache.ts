import type Database from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Query shapes are few (one per combination of filtered fields,
 * sort and cursor nullness), so preparing each once saves the parse on every page; the bound keeps
 * a pathological caller from growing it without limit.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly maxSize = 500,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= this.maxSize) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Schema changes invalidate prepared statements that touched the old schema. */
  clear(): void {
    this.statements.clear();
  }
}
