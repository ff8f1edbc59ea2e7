/**
 * Counts how often the event loop gets a turn (a setImmediate callback runs) while `work` runs: a
 * producer that never yields leaves the count near zero however long it takes.
 */
export async function eventLoopTurnsDuring(work: () => Promise<void>): Promise<number> {
  let turns = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  try {
    await work();
  } finally {
    counting = false;
  }
  return turns;
}
