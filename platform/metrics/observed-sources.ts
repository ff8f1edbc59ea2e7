/**
 * What a gauge reads when Prometheus scrapes (a runner's projections, a solver pool): each
 * source is added while the thing it reads runs, and removed when it stops, so a stopped
 * runner is never read and a process that runs none reports no series.
 */
export class ObservedSources<T> {
  private readonly sources = new Set<T>();

  /** Answers how to remove it again. */
  add(source: T): () => void {
    this.sources.add(source);
    return () => {
      this.sources.delete(source);
    };
  }

  all(): readonly T[] {
    return [...this.sources];
  }
}
