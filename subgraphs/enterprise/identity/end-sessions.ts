import type { CommandCaller } from '../../../platform/commands/command-caller';
import { executeCommand } from '../../../platform/commands/execute-command';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { SESSIONS_COLLECTION, type SessionDocument } from '../../../schema/read-models/identity';
import { sessions } from './domain/command-handlers';
import type { SessionEndReason } from './domain/session-decider';

type SessionDependencies = Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'readStore' | 'clock' | 'waitForReadModels'>;

/**
 * Ends one session (its tokens are refused everywhere within a second); answers the log position
 * written. The caller waits for the read models, once, after all it ended.
 */
export async function endSession(deps: SessionDependencies, caller: CommandCaller, sessionId: string, tenantId: string, reason: SessionEndReason): Promise<number> {
  const command = { type: 'RevokeSession', sessionId, tenantId, reason, at: deps.clock().toISOString() } as const;
  const result = await executeCommand(deps, caller, sessions, command, { tenantId, waitForReadModels: false });
  return result.position;
}

/**
 * Ends every open session of a user or of a provider, so that a revoked role or a removed provider
 * takes effect now rather than when the access tokens expire. Answers the last position written.
 */
export async function endOpenSessions(
  deps: SessionDependencies,
  caller: CommandCaller,
  of: { readonly tenantId: string } & ({ readonly userId: string } | { readonly providerId: string }),
  reason: SessionEndReason,
): Promise<number> {
  const collection = deps.readStore.collection<SessionDocument>(SESSIONS_COLLECTION);
  let position = 0;
  for (let after: string | undefined; ; ) {
    const page = await collection.find({ where: { ...of, expiresAt: { gt: deps.clock().toISOString() } }, first: 100, after });
    for (const session of page.items.filter((candidate) => !candidate.revokedAt)) {
      position = Math.max(position, await endSession(deps, caller, session.id, of.tenantId, reason));
    }
    if (!page.hasNextPage) return position;
    after = page.endCursor;
  }
}
