/**
 * Retries an assertion until it passes or the time is up, for state reached asynchronously (read
 * models catching up, a runner parking an event, a process becoming ready). Throws the last failure.
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
