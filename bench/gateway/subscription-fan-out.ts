import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { percentile, round2 } from '../platform-child';

export interface FanOutSettings {
  readonly gatewayUrl: string;
  /** A platform-admin's token, for the mutations that produce the events. */
  readonly token: string;
  readonly keysDir: string;
  readonly tenantId: string;
  readonly subscribers: number;
  readonly events: number;
}

const EVENT_TYPE = 'ProblemCreated';

/**
 * N subscribers (each its own connection and caller, as the gateway caps connections per caller)
 * follow one tenant's events while M problems are created one after another through the gateway.
 * Each delivery's latency runs from the event's `occurredAt` (when the command was decided, just
 * before the append) to its receipt here; both clocks are this machine's.
 */
export async function measureSubscriptionFanOut(settings: FanOutSettings) {
  const subscriptionUrl = settings.gatewayUrl.replace(/^http/, 'ws');
  const latencies: number[] = [];
  const clients: Client[] = [];
  let subscribed = 0;
  let delivered = 0;
  const expected = settings.subscribers * settings.events;
  let allDelivered!: () => void;
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  for (let i = 0; i < settings.subscribers; i++) {
    const token = await issueDevelopmentToken({ role: 'VIEWER', tenantId: settings.tenantId, keysDir: settings.keysDir });
    const client = createClient({ url: subscriptionUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => {
        subscribed++;
        resolve();
      });
      client.subscribe<{ tenantEvents: { type: string; occurredAt: string } }>(
        { query: `subscription { tenantEvents(tenantId: "${settings.tenantId}") { type occurredAt } }` },
        {
          next: ({ data, errors }) => {
            if (errors) reject(new Error(JSON.stringify(errors)));
            if (data?.tenantEvents.type !== EVENT_TYPE) return;
            latencies.push(Date.now() - Date.parse(data.tenantEvents.occurredAt));
            if (++delivered === expected) allDelivered();
          },
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => undefined,
        },
      );
    });
  }
  // Subscriptions start at the log's head when they are set up; give the last one a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  for (let i = 0; i < settings.events; i++) {
    const response = await fetch(settings.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` },
      body: JSON.stringify({ query: `mutation { createProblem(input: { tenantId: "${settings.tenantId}", name: "fan-out ${i}", qubo: { variables: ["a"], linear: [{ variable: "a", coefficient: 1 }], quadratic: [], sense: MINIMIZE } }) { id } }` }),
    });
    const answer = (await response.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(`createProblem failed: ${JSON.stringify(answer.errors)}`);
  }
  const timedOut = await Promise.race([done.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 30_000))]);
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.dispose()));
  const sorted = Float64Array.from(latencies).sort();
  return {
    subscribers: subscribed,
    events: settings.events,
    delivered,
    expected,
    timedOut,
    'deliveries/s': Math.round(delivered / seconds),
    'delivery p50 (ms)': round2(percentile(sorted, 50)),
    'delivery p99 (ms)': round2(percentile(sorted, 99)),
    'delivery max (ms)': round2(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
