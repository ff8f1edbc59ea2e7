import type { RecordedFacts } from '../../../platform/commands/execute-command';
import { eventSchemaVersion, usageStreamId, type UsageRecorded } from '../../../schema/events';

/** Points per UsageRecorded: a long import is several events, appended together. */
export const POINTS_PER_EVENT = 1000;

/**
 * Usage the tenant brought, as the facts to append to `usage-<tenantId>`: one UsageRecorded per
 * POINTS_PER_EVENT points, all in one append, so an import is stored whole or not at all.
 */
export function usageFacts(usage: Omit<UsageRecorded['data'], 'points'> & { readonly points: UsageRecorded['data']['points'] }): RecordedFacts {
  const events: UsageRecorded[] = [];
  for (let start = 0; start < usage.points.length; start += POINTS_PER_EVENT) {
    events.push({ type: 'UsageRecorded', data: { ...usage, points: usage.points.slice(start, start + POINTS_PER_EVENT) } });
  }
  return { streamId: usageStreamId(usage.tenantId), events, expectedRevision: 'any', versionOf: eventSchemaVersion };
}
