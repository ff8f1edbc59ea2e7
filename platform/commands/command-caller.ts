import type { AuditedAction } from '../audit/change-audited';

/** Who runs a command and under which audited action: a signed-in caller or a service principal. */
export interface CommandCaller {
  readonly actor: string;
  readonly correlationId: string;
  /** Id of the request or event that caused the command. */
  readonly causationId: string;
  readonly audit: AuditedAction;
}
