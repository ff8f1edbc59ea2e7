/**
 * What a forecast plot shows, as plain data: the CLI fills it from the read models, the dashboard
 * page from GraphQL answers, and `renderForecastSvg` draws it. Times are ISO strings (UTC) as
 * both sources give them; demand is in the resource's metered unit, capacity in whole units.
 */
export interface ForecastPlotData {
  /** How the title names the tenant: its name, its id, or both. */
  readonly tenantLabel: string;
  /** COMPUTE, MEMORY, STORAGE or NETWORK. */
  readonly resourceType: string;
  /** Metered usage by hour, oldest first; hours without usage are left out (usageSeries). */
  readonly history: readonly UsageHour[];
  /** The newest forecast of the resource, if any. */
  readonly forecast: PlottedForecast | null;
  /** The newest capacity schedule of the resource, if any. */
  readonly capacity: PlottedCapacity | null;
}

export interface UsageHour {
  readonly time: string;
  readonly value: number;
}

export interface PlottedForecast {
  readonly modelId: string;
  readonly generatedAt: string;
  /** The first hour forecast. */
  readonly startsAt: string;
  /** The share of outcomes the interval band is calibrated to hold (0.9: a 90 % band). */
  readonly intervalCoverage: number;
  readonly points: readonly { readonly time: string; readonly expected: number; readonly lower: number; readonly upper: number }[];
  readonly accuracy: { readonly wape: number | null; readonly mase: number | null; readonly coverage: number | null };
}

export interface PlottedCapacity {
  readonly scheduleId: string;
  /** PROPOSED, APPROVED, APPLIED or COMPLETED. */
  readonly status: string;
  /** The first hour planned; `capacities[i]` is for the hour i hours later. */
  readonly start: string;
  readonly capacities: readonly number[];
  /**
   * The demand one capacity unit serves in an hour (the policy's unitSize): capacity is drawn as
   * units × unitSize on the demand axis, so it reads directly against the forecast it covers.
   */
  readonly unitSize: number;
  readonly actions: readonly PlottedAction[];
}

export interface PlottedAction {
  /** The hour the capacity is for. */
  readonly time: string;
  readonly fromCapacity: number;
  readonly targetCapacity: number;
  /** PENDING, APPLIED or FAILED. */
  readonly status: string;
  readonly reason: string | null;
}
