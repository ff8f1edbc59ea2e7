import { conditionsSql, keysetSql, numbered, orderBySql, orderKeys } from './pg-query';

const key = (field: string) => `(CASE WHEN jsonb_typeof(doc->'${field}') IN ('string', 'number', 'boolean') THEN doc->'${field}' END)`;

describe('PostgreSQL read-store queries', () => {
  it('numbers the placeholders of an assembled statement in order', () => {
    expect(numbered('a = ?::jsonb AND b = ? LIMIT ?')).toBe('a = $1::jsonb AND b = $2 LIMIT $3');
  });

  it('binds condition values as jsonb (never spliced), so numbers match numbers and strings strings', () => {
    const [eq, isNull, membership, range] = conditionsSql([
      { kind: 'eq', field: 'tenantId', value: 't1' },
      { kind: 'eq', field: 'category', value: null },
      { kind: 'in', field: 'category', values: ['tabu', null, 3] },
      { kind: 'range', field: 'price', bounds: [{ op: 'gte', value: 10 }, { op: 'lt', value: 50 }] },
    ]);
    expect(eq).toEqual({ sql: `${key('tenantId')} = ?::jsonb`, params: ['"t1"'] });
    expect(isNull).toEqual({ sql: `${key('category')} IS NULL`, params: [] });
    expect(membership).toEqual({ sql: `(${key('category')} = ANY(?::jsonb[]) OR ${key('category')} IS NULL)`, params: [['"tabu"', '3']] });
    // a range keeps to its bounds' type: jsonb orders booleans above every number
    expect(range).toEqual({
      sql: `${key('price')} >= ?::jsonb AND ${key('price')} < ?::jsonb AND jsonb_typeof(${key('price')}) = ?`,
      params: ['10', '50', 'number'],
    });
    expect(conditionsSql([{ kind: 'in', field: 'category', values: [] }])).toEqual([{ sql: 'FALSE', params: [] }]);
  });

  it('matches ids as text only', () => {
    expect(
      conditionsSql([
        { kind: 'eq', field: 'id', value: 'a' },
        { kind: 'eq', field: 'id', value: 1 },
        { kind: 'in', field: 'id', values: ['a', 2, null] },
        { kind: 'range', field: 'id', bounds: [{ op: 'gt', value: 'm' }] },
        { kind: 'range', field: 'id', bounds: [{ op: 'gt', value: 5 }] },
      ]),
    ).toEqual([
      { sql: 'id = ?', params: ['a'] },
      { sql: 'FALSE', params: [] },
      { sql: 'id = ANY(?::text[])', params: [['a']] },
      { sql: 'id > ?', params: ['m'] },
      { sql: 'FALSE', params: [] },
    ]);
  });

  it('orders NULL first ascending and last descending', () => {
    const keys = orderKeys([
      { field: 'rating', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ]);
    expect(orderBySql(keys)).toBe(`${key('rating')} DESC NULLS LAST, id ASC NULLS FIRST`);
  });

  it('resumes strictly after the cursor row, NULL being the smallest value', () => {
    const ascending = orderKeys([
      { field: 'rating', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
    expect(keysetSql(ascending, [3, 'l07'])).toEqual({
      sql: `${key('rating')} >= ?::jsonb AND ((${key('rating')} > ?::jsonb) OR (${key('rating')} = ?::jsonb AND id > ?::text))`,
      params: ['3', '3', '3', 'l07'],
    });
    // after a NULL ascending comes every non-NULL
    expect(keysetSql(ascending, [null, 'l07'])).toEqual({
      sql: `((${key('rating')} IS NOT NULL) OR (${key('rating')} IS NULL AND id > ?::text))`,
      params: ['l07'],
    });
    const descending = orderKeys([
      { field: 'rating', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ]);
    // descending, NULLs come last, and nothing comes after a NULL but its tie-breaker
    expect(keysetSql(descending, ['x', 'l07'])).toEqual({
      sql: `(((${key('rating')} < ?::jsonb OR ${key('rating')} IS NULL)) OR (${key('rating')} = ?::jsonb AND id > ?::text))`,
      params: ['"x"', '"x"', 'l07'],
    });
    expect(keysetSql(descending, [null, 'l07'])).toEqual({ sql: `((${key('rating')} IS NULL AND id > ?::text))`, params: ['l07'] });
  });
});
