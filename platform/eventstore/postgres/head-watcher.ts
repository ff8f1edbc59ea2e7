import type { Notification, PoolClient } from 'pg';
import type { PostgresConnections } from './postgres-connections';

export type HeadListener = (headPosition: number) => void;

export interface HeadWatcherOptions {
  readonly connections: PostgresConnections;
  /** The NOTIFY channel appends announce themselves on. */
  readonly channel: string;
  readonly readHeadPosition: () => Promise<number>;
  /** The fallback poll: how long a missed notification can delay a subscriber at most. */
  readonly pollIntervalMs: number;
  /** Wait before opening a new LISTEN connection after one failed or was closed by the server. */
  readonly reconnectDelayMs: number;
}

/**
 * Tells live subscriptions that the log may have grown. Appends made through this store announce
 * themselves straight after COMMIT; appends made by other processes arrive by LISTEN (each append
 * transaction sends pg_notify, which PostgreSQL delivers at commit). Notifications only wake
 * subscribers, which read the events from the table, so one lost with a dropped LISTEN
 * connection costs latency, not events: a slow poll of the head position covers the gap, and the
 * connection is opened again. LISTEN and polling run only while someone watches.
 */
export class HeadWatcher {
  private readonly listeners = new Set<HeadListener>();
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private listenClient: PoolClient | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: HeadWatcherOptions) {}

  /** Returns the function that stops watching. */
  watch(listener: HeadListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && !this.stopped) {
      this.pollTimer = setInterval(() => this.poll(), this.options.pollIntervalMs);
      this.listen();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.idle();
    };
  }

  announce(headPosition: number): void {
    for (const listener of [...this.listeners]) listener(headPosition);
  }

  /** Ends LISTEN and polling for good; resolves once the LISTEN connection is given back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    this.idle();
    await this.connecting;
  }

  private get wanted(): boolean {
    return !this.stopped && this.listeners.size > 0;
  }

  private listen(): void {
    if (!this.wanted || this.listenClient || this.connecting) return;
    this.connecting = this.openListenConnection().finally(() => (this.connecting = undefined));
  }

  private async openListenConnection(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.options.connections.connect();
      const opened = client;
      opened.on('notification', (message: Notification) => {
        if (message.channel === this.options.channel) this.announce(Number(message.payload));
      });
      opened.on('error', () => this.lost(opened));
      opened.on('end', () => this.lost(opened));
      await opened.query(`LISTEN ${this.options.channel}`);
    } catch {
      if (client) discard(client);
      this.scheduleReconnect();
      return;
    }
    if (!this.wanted) {
      discard(client);
      return;
    }
    this.listenClient = client;
    // Whatever committed while no connection was listening.
    this.poll();
  }

  private lost(client: PoolClient): void {
    if (this.listenClient !== client) return;
    this.listenClient = undefined;
    discard(client);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wanted || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listen();
    }, this.options.reconnectDelayMs);
  }

  private poll(): void {
    // A failed read only delays discovery to the next tick; a lasting failure surfaces in the subscribers' own reads.
    this.options.readHeadPosition().then(
      (headPosition) => this.announce(headPosition),
      () => undefined,
    );
  }

  private idle(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    this.pollTimer = undefined;
    this.reconnectTimer = undefined;
    if (this.listenClient) {
      discard(this.listenClient);
      this.listenClient = undefined;
    }
  }
}

/** Closes a LISTEN connection instead of returning it to the pool, where it would go on receiving notifications. */
function discard(client: PoolClient): void {
  try {
    client.release(true);
  } catch {
    // Already released: the pool has dropped it.
  }
}
