import { ErrorCode, platformError } from './errors';
import type { PlatformConfig } from './config';

/** MARKETPLACE_ENABLED=false: listings, licences and invoices answer FEATURE_DISABLED, and nothing changes. */
export function requireMarketplace(config: PlatformConfig): void {
  if (!config.community.marketplaceEnabled) {
    throw platformError(ErrorCode.FeatureDisabled, 'The algorithm marketplace is switched off on this platform (MARKETPLACE_ENABLED=false); ask its operators to enable it.', { feature: 'MARKETPLACE' });
  }
}

/** COMMUNITY_FORUM_ENABLED=false: forums, posts, moderation and community events answer FEATURE_DISABLED. */
export function requireForum(config: PlatformConfig): void {
  if (!config.community.forumEnabled) {
    throw platformError(ErrorCode.FeatureDisabled, 'Community forums are switched off on this platform (COMMUNITY_FORUM_ENABLED=false); ask its operators to enable them.', { feature: 'COMMUNITY_FORUM' });
  }
}
