import type { OptimizationAlgorithmDocument } from '../../../schema/read-models/algorithm-runs';
import { decideRun } from './entitlement-rule';

const listing: OptimizationAlgorithmDocument = { id: 'a1', tenantId: 'author-co', authorId: 'grace', versions: [1, 2, 3], approvedVersions: [1, 2], latestApprovedVersion: 2, deprecated: false };

describe('who may run a marketplace algorithm, and which version', () => {
  describe('a buyer tenant', () => {
    it('given no entitlement, needs a licence', () => {
      expect(decideRun('buyer', listing, undefined, [])).toEqual({ kind: 'license-required' });
    });

    it('given entitlements and no version asked for, runs the newest version it is entitled to', () => {
      expect(decideRun('buyer', listing, undefined, [1, 2])).toEqual({ kind: 'run', version: 2, asAuthor: false });
    });

    it('given a version asked for, runs it only when entitled to that very version', () => {
      expect(decideRun('buyer', listing, 1, [1])).toEqual({ kind: 'run', version: 1, asAuthor: false });
      expect(decideRun('buyer', listing, 2, [1])).toEqual({ kind: 'license-required', version: 2 });
    });

    it('keeps running its version after the listing is deprecated', () => {
      expect(decideRun('buyer', { ...listing, deprecated: true }, undefined, [1])).toEqual({ kind: 'run', version: 1, asAuthor: false });
    });
  });

  describe("the listing's author tenant", () => {
    it('runs its newest approved version without a licence', () => {
      expect(decideRun('author-co', listing, undefined, [])).toEqual({ kind: 'run', version: 2, asAuthor: true });
    });

    it('runs an older approved version it asks for', () => {
      expect(decideRun('author-co', listing, 1, [])).toEqual({ kind: 'run', version: 1, asAuthor: true });
    });

    it('does not run a version still under review', () => {
      expect(decideRun('author-co', listing, 3, [])).toEqual({ kind: 'version-not-approved', version: 3, latestApprovedVersion: 2 });
    });

    it('has nothing to run before a first approval', () => {
      expect(decideRun('author-co', { ...listing, approvedVersions: [], latestApprovedVersion: null }, undefined, [])).toEqual({ kind: 'unknown-algorithm' });
    });
  });

  it('knows no listing it has not been told of', () => {
    expect(decideRun('buyer', undefined, undefined, [1])).toEqual({ kind: 'unknown-algorithm' });
  });
});
