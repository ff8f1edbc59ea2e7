export { InMemoryReadModels } from './in-memory-read-models';
export { replayAnswer } from './replay-answer';
export type { ReplayContext, ReplayProjection } from './replay-projection';
export { replayTenantAsOf, type ReplayedCollection, type ReplayOptions, type ReplayPoint, type TenantReplay } from './replay-tenant';
