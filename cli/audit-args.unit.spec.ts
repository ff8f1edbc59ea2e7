import { parseAuditArgs } from './audit-args';
import { UsageError } from './usage-error';

describe('parseAuditArgs', () => {
  it('reads each action with its flags', () => {
    expect(parseAuditArgs(['verify', '--tenant', 'acme'])).toEqual({ action: 'verify', tenant: 'acme' });
    expect(parseAuditArgs(['replay', '--tenant', 'acme', '--as-of', '2026-03-01T12:00:00Z'])).toEqual({ action: 'replay', tenant: 'acme', asOf: { time: new Date('2026-03-01T12:00:00Z') } });
    expect(parseAuditArgs(['replay', '--tenant=acme', '--position', '42'])).toEqual({ action: 'replay', tenant: 'acme', asOf: { position: 42 } });
    expect(parseAuditArgs(['export', '--tenant', 'acme', '--from', '2026-01-01', '--to', '2026-02-01T00:00:00+01:00'])).toEqual({
      action: 'export',
      tenant: 'acme',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-31T23:00:00Z'),
    });
    expect(parseAuditArgs(['export', '--tenant', 'acme'])).toEqual({ action: 'export', tenant: 'acme', from: undefined, to: undefined });
    expect(parseAuditArgs(['--help'])).toEqual({ action: 'help' });
  });

  it.each([
    [[], 'missing action: one of verify, replay, export'],
    [['check', '--tenant', 'a'], 'unknown action "check": one of verify, replay, export'],
    [['verify'], '--tenant is required'],
    [['verify', '--tenant', 'a', 'extra'], 'unexpected argument extra'],
    [['verify', '--tenant', 'a', '--from', '2026-01-01'], '--from does not apply to audit verify'],
    [['replay', '--tenant', 'a'], 'give exactly one of --as-of TIME and --position N'],
    [['replay', '--tenant', 'a', '--as-of', '2026-01-01', '--position', '3'], 'give exactly one of --as-of TIME and --position N'],
    [['replay', '--tenant', 'a', '--as-of', 'yesterday'], '--as-of must be an ISO-8601 time such as 2026-03-01T12:00:00Z, got "yesterday"'],
    [['replay', '--tenant', 'a', '--position=-1'], '--position must be a non-negative integer, got "-1"'],
    [['export', '--tenant', 'a', '--from', '2026-02-01', '--to', '2026-01-01'], '--from must not be after --to'],
    [['verify', '--tenant', 'a', '--verbose'], 'unknown option --verbose'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseAuditArgs(argv)).toThrow(new UsageError(message));
  });
});
