import { handleCommand, type CommandContext } from '../../../platform/commands/command-handler';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion, sessionStreamId } from '../../../schema/events';
import { SESSIONS_COLLECTION, type SessionDocument } from '../../../schema/read-models/identity';
import { sessionDecider, type SessionEndReason } from '../domain/session-decider';

type SessionDependencies = Pick<SubgraphDependencies, 'eventStore' | 'readStore'>;

/** Ends one session (its tokens are refused everywhere within a second); answers the log position written. */
export async function endSession(deps: SessionDependencies, context: CommandContext, sessionId: string, tenantId: string, reason: SessionEndReason): Promise<number> {
  const result = await handleCommand({
    eventStore: deps.eventStore,
    streamId: sessionStreamId(sessionId),
    decider: sessionDecider,
    command: { type: 'RevokeSession', sessionId, tenantId, reason, at: context.now.toISOString() },
    context,
    schemaVersionOf: eventSchemaVersion,
  });
  return result.position;
}

/**
 * Ends every open session of a user or of a provider, so that a revoked role or a removed provider
 * takes effect now rather than when the access tokens expire. Answers the last position written.
 */
export async function endOpenSessions(
  deps: SessionDependencies,
  context: CommandContext,
  of: { readonly tenantId: string } & ({ readonly userId: string } | { readonly providerId: string }),
  reason: SessionEndReason,
): Promise<number> {
  const sessions = deps.readStore.collection<SessionDocument>(SESSIONS_COLLECTION);
  let position = 0;
  for (let after: string | undefined; ; ) {
    const page = await sessions.find({ where: { ...of, expiresAt: { gt: context.now.toISOString() } }, first: 100, after });
    for (const session of page.items.filter((candidate) => !candidate.revokedAt)) {
      position = Math.max(position, await endSession(deps, context, session.id, of.tenantId, reason));
    }
    if (!page.hasNextPage) return position;
    after = page.endCursor;
  }
}
