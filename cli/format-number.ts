/** Integers as they are; other values to 8 significant digits, so a bar line stays short. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
}

/** Milliseconds as seconds with one decimal: "2.3s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
