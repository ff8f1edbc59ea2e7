import type { EventFilter, EventStore } from '../port';
import { matchesFilter } from '../port';

/**
 * Turns what the server tells a subscription into checkpoints the port may report: never beyond
 * headPosition(), and never past a matching event the subscription has not delivered yet.
 */
export class ProvenCheckpoints {
  /** A head read earlier: the head only grows, so a position at or below it needs no new read. */
  private knownHead = 0;

  constructor(
    private readonly log: Pick<EventStore, 'headPosition' | 'readAll'>,
    private readonly filter: EventFilter | undefined,
  ) {}

  /**
   * A server checkpoint (or a skipped system event) may lie on one of the server's own `$` events
   * after the last event of the port's log. Every event up to it has been considered, so the head
   * is a checkpoint as good, and the one the port allows.
   */
  async bounded(position: number): Promise<number> {
    if (position > this.knownHead) this.knownHead = await this.log.headPosition();
    return Math.min(position, this.knownHead);
  }

  /**
   * The server has sent everything up to the live end, and the consumer has handled it. An event
   * appended since may still be on its way, so the head is reported only when no matching event
   * lies between what was delivered (`progress`) and the head; otherwise the last event before
   * the first such one.
   */
  async caughtUp(progress: number): Promise<number> {
    const head = await this.log.headPosition();
    this.knownHead = Math.max(this.knownHead, head);
    let considered = progress;
    for await (const event of this.log.readAll({ after: progress })) {
      if (event.position > head || matchesFilter(event, this.filter)) break;
      considered = event.position;
    }
    return considered;
  }
}
