/** A clock a test moves by hand (the platform's clock port): schedules run without waiting hours. */
export class ManualClock {
  private offsetMs = 0;

  /** Real time plus how far the test has moved it, so time still passes between moves. */
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves the clock forward to `instant` (never back). */
  advanceTo(instant: Date | string): void {
    this.offsetMs = Math.max(this.offsetMs, new Date(instant).getTime() - Date.now());
  }
}
