import type { Sample } from './solve-types';

/**
 * The `limit` lowest-energy distinct samples; equal energies keep the order given (restart
 * order), so the choice is reproducible.
 */
export function collectSamples(candidates: readonly Sample[], limit: number): Sample[] {
  const ordered = candidates.map((c, order) => ({ c, order })).sort((a, b) => a.c.energy - b.c.energy || a.order - b.order);
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const { c } of ordered) {
    const key = Buffer.from(c.x.buffer, c.x.byteOffset, c.x.byteLength).toString('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ x: c.x, energy: c.energy });
    if (out.length >= limit) break;
  }
  return out;
}
