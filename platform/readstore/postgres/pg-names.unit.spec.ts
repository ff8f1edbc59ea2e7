import { collectionTable, fieldIndexName, fieldKey, fieldValue, identifier, primaryKeyName, textIndexName } from './pg-names';

describe('PostgreSQL read-store names', () => {
  it('keeps collections apart from the store\'s own tables, and indexes apart from tables', () => {
    // a collection named like the store's records still gets an rm_ table
    expect(collectionTable('checkpoints')).toBe('rm_checkpoints');
    expect(collectionTable('collections')).not.toMatch(/^readstore_/);
    // the index of field b on collection a and the table of a collection named a$ix$b cannot meet: no collection name holds a $
    expect(fieldIndexName('a', 'b')).toBe('rm_a$ix$b');
    expect(fieldIndexName('a', 'b.c')).toBe('rm_a$ix$b$c');
    expect(fieldIndexName('a', 'b_c')).not.toBe(fieldIndexName('a', 'b.c'));
    expect(textIndexName('a')).toBe('rm_a$text');
    expect(primaryKeyName('a')).toBe('rm_a$pk');
  });

  it('shortens names PostgreSQL would cut, so two long names still differ', () => {
    const long = 'x'.repeat(62);
    const a = collectionTable(`${long}a`);
    const b = collectionTable(`${long}b`);
    expect(a).toHaveLength(63);
    expect(b).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^rm_x+~[0-9a-f]{12}$/);
    expect(identifier('rm_short')).toBe('rm_short');
    expect(identifier('y'.repeat(63))).toBe('y'.repeat(63));
  });

  it('reads fields as jsonb, keys as scalars only, and id as its column', () => {
    expect(fieldValue('price')).toBe("doc->'price'");
    expect(fieldValue('owner.name')).toBe("doc->'owner'->'name'");
    expect(fieldKey('price')).toBe("(CASE WHEN jsonb_typeof(doc->'price') IN ('string', 'number', 'boolean') THEN doc->'price' END)");
    expect(fieldKey('id')).toBe('id');
  });
});
