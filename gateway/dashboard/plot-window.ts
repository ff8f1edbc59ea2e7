import type { ForecastPlotData, PlottedForecast } from './forecast-plot-data';
import { HOUR_MS } from './plot-scales';

/** How much history the picture shows before the forecast starts, unless told otherwise. */
export const DEFAULT_HISTORY_DAYS = 7;
/** The most history a picture shows: more is unreadable at this size. */
export const MAX_HISTORY_DAYS = 90;
/** usageSeries answers at most 366 days; one less leaves room for rounding to hours. */
const USAGE_SERIES_MAX_DAYS = 365;
const DAY_MS = 24 * HOUR_MS;

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The time span a picture covers, in epoch ms: `historyDays` before the point where past turns into
 * plan (the forecast's first hour, or the schedule's, or the hour after the last usage), up to the
 * last hour anything is known or planned for. Null when there is nothing to show.
 */
export function plotWindow(data: ForecastPlotData, historyDays: number): TimeWindow | null {
  const lastUsage = data.history.length > 0 ? Date.parse(data.history[data.history.length - 1].time) + HOUR_MS : undefined;
  const forecastEnd = data.forecast && data.forecast.points.length > 0 ? Date.parse(data.forecast.points[data.forecast.points.length - 1].time) + HOUR_MS : undefined;
  const capacityEnd = data.capacity ? Date.parse(data.capacity.start) + data.capacity.capacities.length * HOUR_MS : undefined;
  const anchor = data.forecast ? Date.parse(data.forecast.startsAt) : data.capacity ? Date.parse(data.capacity.start) : lastUsage;
  if (anchor === undefined || Number.isNaN(anchor)) return null;
  const ends = [anchor, forecastEnd, capacityEnd, lastUsage].filter((end): end is number => end !== undefined && Number.isFinite(end));
  return { from: anchor - historyDays * DAY_MS, to: Math.max(...ends) };
}

/**
 * The usage to ask for to draw a forecast: `historyDays` before it starts (before the current hour
 * when there is none) up to now, so hours that have come true since it was made are drawn too. A
 * forecast made long ago (of an imported history that ends years back) is not followed up to now:
 * that would ask for more than usageSeries answers.
 */
export function usageRange(forecast: Pick<PlottedForecast, 'startsAt' | 'points'> | null, now: Date, historyDays: number): { from: Date; to: Date } {
  const nextHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const anchor = forecast ? Date.parse(forecast.startsAt) : nextHour;
  const from = anchor - historyDays * DAY_MS;
  const forecastEnd = forecast && forecast.points.length > 0 ? Date.parse(forecast.points[forecast.points.length - 1].time) + HOUR_MS : anchor;
  const to = Math.max(forecastEnd, Math.min(nextHour, from + USAGE_SERIES_MAX_DAYS * DAY_MS));
  return { from: new Date(from), to: new Date(to) };
}
