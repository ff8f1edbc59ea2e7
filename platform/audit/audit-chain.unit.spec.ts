import { chainAuditEntry, computeAuditHash, GENESIS_PREVIOUS_HASH } from './audit-chain-link';
import { verifyChain, type AuditChainRecord } from './audit-chain-verifier';
import type { AuditEntryRecordedData } from './audit-entry';
import { sampleAuditEntry } from './test-support/sample-audit-entry';

/** A chain of `length` linked entries, as records at revisions 0, 1, 2 … */
function buildChain(length: number): AuditChainRecord[] {
  const records: AuditChainRecord[] = [];
  let tail: AuditEntryRecordedData | undefined;
  for (let index = 0; index < length; index++) {
    tail = chainAuditEntry(sampleAuditEntry('acme', index), tail);
    records.push({ revision: index, type: 'AuditEntryRecorded', data: tail });
  }
  return records;
}

function withData(record: AuditChainRecord, change: (data: Record<string, unknown>) => void): AuditChainRecord {
  const data = JSON.parse(JSON.stringify(record.data)) as Record<string, unknown>;
  change(data);
  return { ...record, data };
}

describe('hash chaining', () => {
  it('links the first entry to 64 zeros and each next entry to the hash before it', () => {
    // Given three entries chained one after the other
    const first = chainAuditEntry(sampleAuditEntry('acme', 0), undefined);
    const second = chainAuditEntry(sampleAuditEntry('acme', 1), first);
    const third = chainAuditEntry(sampleAuditEntry('acme', 2), second);
    // Then sequences count from 0 and each previousHash is the hash before it
    expect([first.sequence, second.sequence, third.sequence]).toEqual([0, 1, 2]);
    expect(first.previousHash).toBe(GENESIS_PREVIOUS_HASH);
    expect(GENESIS_PREVIOUS_HASH).toMatch(/^0{64}$/);
    expect(second.previousHash).toBe(first.hash);
    expect(third.previousHash).toBe(second.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the canonical form of {sequence, previousHash, entry}, so key order does not matter', () => {
    // Given the same entry with its keys (and its details' keys) in another order
    const entry = sampleAuditEntry('acme', 7);
    const reordered = Object.fromEntries(Object.entries({ ...entry, details: { nested: entry.details.nested, tags: entry.details.tags, index: 7 } }).reverse());
    // When both are hashed / Then the hashes agree
    const hash = computeAuditHash({ sequence: 3, previousHash: GENESIS_PREVIOUS_HASH, entry });
    expect(computeAuditHash({ sequence: 3, previousHash: GENESIS_PREVIOUS_HASH, entry: reordered })).toBe(hash);
    // And any change to sequence, link or entry changes the hash
    expect(computeAuditHash({ sequence: 4, previousHash: GENESIS_PREVIOUS_HASH, entry })).not.toBe(hash);
    expect(computeAuditHash({ sequence: 3, previousHash: 'f'.repeat(64), entry })).not.toBe(hash);
    expect(computeAuditHash({ sequence: 3, previousHash: GENESIS_PREVIOUS_HASH, entry: { ...entry, target: 'x' } })).not.toBe(hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    // Given an intact chain of 6 / When verified / Then it is valid with every entry checked
    expect(verifyChain(buildChain(6))).toEqual({ valid: true, checkedEntries: 6 });
    expect(verifyChain([])).toEqual({ valid: true, checkedEntries: 0 });
  });

  it('survives a JSON round trip of the stored data (as the event store does)', () => {
    // Given a chain whose data was serialised and parsed back
    const records = buildChain(4).map((record) => withData(record, () => undefined));
    // Then it still verifies
    expect(verifyChain(records).valid).toBe(true);
  });

  it('detects a changed field and names its position', () => {
    // Given a chain in which entry 3's action was changed after hashing
    const records = buildChain(6);
    records[3] = withData(records[3]!, (data) => {
      data.action = 'nothing.to.see';
    });
    // When verified / Then the break is at revision 3, after 3 intact entries
    expect(verifyChain(records)).toMatchObject({ valid: false, checkedEntries: 3, firstBrokenPosition: 3 });
    expect(verifyChain(records).reason).toContain('stored hash does not match');
  });

  it('detects a changed nested detail and an added field', () => {
    // Given one chain with a nested detail changed and another with a field added to an entry
    const changedDetail = buildChain(4);
    changedDetail[1] = withData(changedDetail[1]!, (data) => {
      (data.details as { nested: { size: number } }).nested.size = 99;
    });
    const addedField = buildChain(4);
    addedField[2] = withData(addedField[2]!, (data) => {
      data.approvedBy = 'mallory';
    });
    // Then each break is found where the change was made
    expect(verifyChain(changedDetail)).toMatchObject({ valid: false, firstBrokenPosition: 1 });
    expect(verifyChain(addedField)).toMatchObject({ valid: false, firstBrokenPosition: 2 });
  });

  it('detects a removed entry at the entry that follows the gap', () => {
    // Given a chain with entry 2 removed (revisions as read back: 0, 1, 3, 4)
    const records = buildChain(5);
    records.splice(2, 1);
    // When verified / Then the break is at the record now standing where the gap is
    const result = verifyChain(records);
    expect(result).toMatchObject({ valid: false, checkedEntries: 2, firstBrokenPosition: 3 });
    expect(result.reason).toContain('sequence is 3, expected 2');
  });

  it('detects a truncated start (first entry missing)', () => {
    // Given a chain whose first entry is gone
    const records = buildChain(3).slice(1);
    // Then the break is at the first remaining entry
    expect(verifyChain(records)).toMatchObject({ valid: false, checkedEntries: 0, firstBrokenPosition: 1 });
  });

  it('detects a reordered pair', () => {
    // Given a chain with entries 2 and 3 swapped, each keeping its revision slot
    const records = buildChain(5);
    const second = records[2]!;
    const third = records[3]!;
    records[2] = { ...third, revision: 2 };
    records[3] = { ...second, revision: 3 };
    // Then the break is at revision 2
    expect(verifyChain(records)).toMatchObject({ valid: false, checkedEntries: 2, firstBrokenPosition: 2 });
  });

  it('detects a forged hash, and a rehashed forgery at the next link', () => {
    // Given a chain where entry 1's hash was replaced by another valid-looking hash
    const forgedHash = buildChain(4);
    forgedHash[1] = withData(forgedHash[1]!, (data) => {
      data.hash = 'a'.repeat(64);
    });
    // And a chain where entry 1 was changed and its hash recomputed to match the change
    const rehashed = buildChain(4);
    rehashed[1] = withData(rehashed[1]!, (data) => {
      data.outcome = 'success';
      data.action = 'forged.action';
      const { sequence, previousHash, hash: _hash, ...entry } = data;
      data.hash = computeAuditHash({ sequence: sequence as number, previousHash: previousHash as string, entry });
    });
    // Then the forged hash breaks at entry 1, the rehashed forgery at entry 2 whose link no longer matches
    expect(verifyChain(forgedHash)).toMatchObject({ valid: false, firstBrokenPosition: 1 });
    const result = verifyChain(rehashed);
    expect(result).toMatchObject({ valid: false, checkedEntries: 2, firstBrokenPosition: 2 });
    expect(result.reason).toContain('previousHash');
  });

  it('refuses data that is not an audit entry or an event of another type', () => {
    // Given a record whose data is not an object and a record of a foreign type
    const notAnObject = buildChain(2);
    notAnObject[1] = { revision: 1, data: 'hello' };
    const foreignType = buildChain(2);
    foreignType[0] = { ...foreignType[0]!, type: 'UserCreated' };
    // Then both are reported where they are
    expect(verifyChain(notAnObject)).toMatchObject({ valid: false, firstBrokenPosition: 1, reason: 'event data is not a JSON object' });
    expect(verifyChain(foreignType)).toMatchObject({ valid: false, firstBrokenPosition: 0 });
  });
});
