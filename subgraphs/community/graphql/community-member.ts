import { PLATFORM_AUDIT_TENANT } from '../../../platform/audit/describe-mutation';
import { hasRole, type AuthContext } from '../../../platform/auth/auth-context';
import type { PlatformConfig } from '../../../platform/config';
import type { Member } from '../forum/domain/member';

/**
 * The tenant a caller acts in on the community's shared content (and owns what they create in): their own. A PLATFORM_ADMIN token may have none; such
 * an operator acts in the operators' tenant (PLATFORM_OPERATOR_TENANT), or in the platform's trail
 * when none is configured (which the operators' auditors read too). Moderators are users of the
 * operators' tenant, so their actions (the audit record executeCommand writes with this tenant)
 * land in the operators' trail either way.
 */
export function actingTenantOf(auth: AuthContext, config: PlatformConfig): string {
  return auth.tenantId ?? config.signIn.operatorTenantId ?? PLATFORM_AUDIT_TENANT;
}

export function memberOf(auth: AuthContext, config: PlatformConfig): Member {
  return { id: auth.subject, tenantId: actingTenantOf(auth, config) };
}

export function isModerator(auth: AuthContext): boolean {
  return hasRole(auth, 'MODERATOR') || hasRole(auth, 'PLATFORM_ADMIN');
}

/** Whether the caller sees content that moderation hides: its author and the moderators do. */
export function seesHidden(auth: AuthContext, config: PlatformConfig, author: { readonly authorId: string; readonly authorTenantId: string }): boolean {
  if (isModerator(auth)) return true;
  const caller = memberOf(auth, config);
  return caller.id === author.authorId && caller.tenantId === author.authorTenantId;
}
