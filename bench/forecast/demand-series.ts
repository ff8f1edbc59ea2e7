import { readFileSync } from 'node:fs';
import { resampleHourly, type Aggregation, type HourlySeries, type TimedValue } from '../../subgraphs/scaling/forecasting';
import { sharedDataFile } from '../../test/support/shared-data';

/**
 * The series of `../shared/data/demand/` (SOURCES.md), read in place, each resampled to hours as
 * SOURCES.md says: the sum for counts, the mean for utilisation and levels. The Alibaba trace is
 * not here: its terms allow local study only, and it is under two weeks long anyway.
 */
export interface DemandSeriesSource {
  readonly name: string;
  readonly file: readonly string[];
  readonly column: string;
  readonly aggregation: Aggregation;
  readonly timestamps: 'nab-local-time' | 'seconds-from-zero' | 'row-every-300-s';
}

const nab = (file: string, aggregation: Aggregation): DemandSeriesSource => ({
  name: file.replace(/\.csv$/, ''),
  file: ['demand', 'nab', file],
  column: 'value',
  aggregation,
  timestamps: 'nab-local-time',
});

export const DEMAND_SERIES: readonly DemandSeriesSource[] = [
  nab('nyc_taxi.csv', 'sum'),
  nab('elb_request_count_8c0756.csv', 'sum'),
  nab('ec2_cpu_utilization_5f5533.csv', 'mean'),
  nab('ec2_cpu_utilization_24ae8d.csv', 'mean'),
  nab('rds_cpu_utilization_e47b3b.csv', 'mean'),
  // SOURCES.md names the sum for the request-like counts only; for these bytes the mean is the
  // same series up to a factor of 12 (a sum here is the mean × samples per hour).
  nab('ec2_network_in_257a54.csv', 'mean'),
  nab('ec2_disk_write_bytes_1ef3de.csv', 'mean'),
  nab('cpu_utilization_asg_misconfiguration.csv', 'mean'),
  nab('Twitter_volume_AMZN.csv', 'sum'),
  ...(['cpu_usage', 'assigned_mem'] as const).map((column) => ({
    name: `azure_vm_${column}`,
    file: ['demand', 'datacenter-traces', 'azure_v2_vm_cpu_mem_month_5min.csv'],
    column,
    aggregation: 'mean' as const,
    timestamps: 'seconds-from-zero' as const,
  })),
  ...(['avg_cpu', 'avg_mem', 'avg_assigned_mem'] as const).map((column) => ({
    name: `google_${column}`,
    file: ['demand', 'datacenter-traces', 'google2019_instance_usage_month_5min.csv'],
    column,
    aggregation: 'mean' as const,
    timestamps: 'row-every-300-s' as const,
  })),
];

/**
 * NAB's times are naive local wall-clock times: read as if UTC, so each hour keeps its place in
 * the local daily cycle. The data-centre traces count seconds from an unknown start: hour 0 is put
 * at 1970-01-01T00:00Z, whose weekday means nothing (only the cycle lengths do).
 */
function timeOf(source: DemandSeriesSource, cells: readonly string[], header: readonly string[], row: number): Date {
  if (source.timestamps === 'nab-local-time') return new Date(`${cells[header.indexOf('timestamp')].replace(' ', 'T')}Z`);
  if (source.timestamps === 'seconds-from-zero') return new Date(Number(cells[header.indexOf('timestamp')]) * 1000);
  return new Date(row * 300_000);
}

export function loadDemandSeries(source: DemandSeriesSource): HourlySeries {
  const [headerLine, ...lines] = readFileSync(sharedDataFile(...source.file), 'utf8').trim().split(/\r?\n/);
  const header = headerLine.split(',');
  const column = header.indexOf(source.column);
  if (column < 0) throw new Error(`${source.file.join('/')} has no column ${source.column}`);
  const rows: TimedValue[] = lines.map((line, row) => {
    const cells = line.split(',');
    return { time: timeOf(source, cells, header, row), value: Number(cells[column]) };
  });
  return resampleHourly(rows, { aggregation: source.aggregation });
}
