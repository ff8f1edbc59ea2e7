export { canonicalJson, CanonicalJsonError } from './canonical-json';
export {
  AUDIT_ENTRY_RECORDED,
  AUDIT_OUTCOMES,
  assertValidAuditEntry,
  auditStreamId,
  InvalidAuditEntryError,
  type AuditChainFields,
  type AuditEntry,
  type AuditEntryRecordedData,
  type AuditOutcome,
} from './audit-entry';
export {
  chainAuditEntry,
  computeAuditHash,
  GENESIS_PREVIOUS_HASH,
  type AuditChainTail,
  type AuditLinkInput,
} from './audit-chain-link';
export {
  AuditChainVerifier,
  verifyChain,
  type AuditChainRecord,
  type AuditChainVerification,
} from './audit-chain-verifier';
export {
  appendAuditEntries,
  appendAuditEntry,
  AUDIT_ENTRY_RECORDED_SCHEMA_VERSION,
  type AppendAuditEntryOptions,
  type AppendedAuditEntry,
  type PendingAuditEntry,
} from './append-audit-entry';
export { AuditAppendBatcher, auditBatcherFor } from './audit-append-batcher';
export { verifyAuditChain, type VerifyAuditChainOptions } from './verify-audit-chain';
export { describeMutation, errorCodeOf, PLATFORM_AUDIT_TENANT, type SettledMutation } from './describe-mutation';
export { DEFAULT_REDACTION_LIMITS, isSecretKey, REDACTED, redactForAudit, type AuditRedactionLimits } from './redact-for-audit';
