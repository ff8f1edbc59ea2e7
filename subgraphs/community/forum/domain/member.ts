import { derivedId } from '../../../../platform/derived-id';

/** A community member: a user of one tenant (subjects are unique only within their tenant). */
export interface Member {
  readonly id: string;
  readonly tenantId: string;
}

/** The key of a member's RSVPs, flags and ban: derived, so it is stable and safe in a stream id. */
export function memberKey(member: Member): string {
  return derivedId('communitymember', member.tenantId, member.id);
}
