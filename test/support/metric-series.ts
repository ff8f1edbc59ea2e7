import { registry } from '../../platform/metrics/metrics';

export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The value of the first sample of a registered metric (a histogram's `_bucket`, `_sum` or `_count` too) whose labels include `labels`; 0 when it has none. */
export async function registeredValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const family = registry.getSingleMetric(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
  if (!registry.getSingleMetric(family)) throw new Error(`No metric ${name} is registered`);
  return samples(parseExposition(await registry.getSingleMetricAsString(family)), name, labels)[0]?.value ?? 0;
}

/** Prometheus's text format as a scraper reads it: one entry per sample line. */
export function parseExposition(text: string): Series[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value.replace(/\\(.)/g, '$1');
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The samples of `name` whose labels include `labels`. */
export function samples(series: readonly Series[], name: string, labels: Record<string, string> = {}): Series[] {
  return series.filter((sample) => sample.name === name && includes(sample.labels, labels));
}

function includes(actual: Readonly<Record<string, string>>, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => actual[key] === value);
}
