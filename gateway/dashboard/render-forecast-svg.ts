import type { ForecastPlotData, PlottedAction, PlottedCapacity, PlottedForecast, UsageHour } from './forecast-plot-data';
import { demandTicks, grouped, HOUR_MS, linearScale, percent, quantity, timeTicks, utcMinute } from './plot-scales';
import { DEFAULT_HISTORY_DAYS, plotWindow, type TimeWindow } from './plot-window';
import { element, px, text } from './svg-markup';
import { textWidth, wrapPhrases } from './text-layout';

export interface ForecastSvgOptions {
  /** Days of usage drawn before the forecast starts; DEFAULT_HISTORY_DAYS by default. */
  readonly historyDays?: number;
  readonly width?: number;
  readonly height?: number;
}

const DEFAULT_WIDTH = 960;
const DEFAULT_HEIGHT = 500;
/** The plot's margins; the top one grows with the subtitle's lines (plotTop). */
const MARGIN = { right: 24, bottom: 104, left: 76 };
const SUBTITLE_FIRST_LINE_Y = 48;
const SUBTITLE_LINE_HEIGHT = 16;
const COLOURS = {
  background: '#ffffff',
  text: '#212529',
  muted: '#5c636a',
  grid: '#e9ecef',
  axis: '#868e96',
  usage: '#1c4e80',
  forecast: '#d9480f',
  band: '#f59f00',
  capacity: '#2b8a3e',
  failed: '#c92a2a',
};
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Below this many pixels a time label runs into its neighbour. */
const MIN_TICK_SPACING = 84;

interface Frame {
  readonly x: (timeMs: number) => number;
  readonly y: (demand: number) => number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

interface LegendItem {
  readonly swatch: (x: number, y: number) => string;
  readonly label: string;
}

/**
 * A tenant's demand picture as one self-contained SVG document: usage history, the forecast's
 * expected line inside its interval band, the planned capacity as a step line, and the schedule's
 * actions as markers (applied, failed, pending), with time and demand axes, a title and a legend.
 *
 * Pure and deterministic (no clock, no DOM, no Node API, no locale): the CLI writes it to a file
 * and the dashboard page puts the same string into the page. Everything drawn is presentation
 * attributes, no <style> or style="", so the page's Content-Security-Policy needs no exception.
 */
export function renderForecastSvg(data: ForecastPlotData, options: ForecastSvgOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const title = `${data.resourceType} demand forecast · ${data.tenantLabel}`;
  const subtitleLines = wrapPhrases(subtitlePhrases(data), ' · ', width - MARGIN.left - MARGIN.right, 12);
  const plotTop = SUBTITLE_FIRST_LINE_Y + SUBTITLE_LINE_HEIGHT * (subtitleLines.length - 1) + 20;
  const span = plotWindow(data, historyDays);
  const body = span ? plot(data, span, width, height, plotTop) : emptyNote(data, width, height);
  return element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'font-family': FONT, class: 'forecast-plot' },
    element('title', {}, text(title)),
    element('desc', {}, text(description(data, historyDays))),
    element('rect', { class: 'background', x: 0, y: 0, width, height, fill: COLOURS.background }),
    element('text', { class: 'title', x: MARGIN.left, y: 28, 'font-size': 18, 'font-weight': 600, fill: COLOURS.text }, text(title)),
    element(
      'text',
      { class: 'subtitle', 'font-size': 12, fill: COLOURS.muted },
      ...subtitleLines.map((line, index) => element('tspan', { x: MARGIN.left, y: SUBTITLE_FIRST_LINE_Y + index * SUBTITLE_LINE_HEIGHT }, text(line))),
    ),
    body,
  );
}

function plot(data: ForecastPlotData, span: TimeWindow, width: number, height: number, top: number): string {
  const history = data.history.filter((hour) => Date.parse(hour.time) >= span.from && Date.parse(hour.time) < span.to);
  const ticks = demandTicks(highestDemand(history, data.forecast, data.capacity));
  const frame: Frame = {
    x: linearScale(span.from, span.to, MARGIN.left, width - MARGIN.right),
    y: linearScale(0, ticks[ticks.length - 1], height - MARGIN.bottom, top),
    left: MARGIN.left,
    right: width - MARGIN.right,
    top,
    bottom: height - MARGIN.bottom,
  };
  // Drawn bottom to top: the band under the lines, the markers over everything.
  return [
    axes(frame, span, ticks, data.resourceType),
    data.forecast ? forecastStart(frame, data.forecast) : '',
    data.forecast ? band(frame, data.forecast) : '',
    data.capacity ? capacityLine(frame, data.capacity) : '',
    history.length > 0 ? element('path', { class: 'history', d: linePath(frame, history.map((hour) => [Date.parse(hour.time), hour.value])), fill: 'none', stroke: COLOURS.usage, 'stroke-width': 1.5, 'stroke-linejoin': 'round' }) : '',
    data.forecast ? expectedLine(frame, data.forecast) : '',
    data.capacity ? actionMarkers(frame, data.capacity) : '',
    legend(legendItems(history, data.forecast, data.capacity), height, width),
  ].join('');
}

/** The top of the demand axis: everything drawn must fit under it, capacity included. */
function highestDemand(history: readonly UsageHour[], forecast: PlottedForecast | null, capacity: PlottedCapacity | null): number {
  const values = [
    ...history.map((hour) => hour.value),
    ...(forecast?.points.map((point) => Math.max(point.upper, point.expected)) ?? []),
    ...(capacity ? [...capacity.capacities, ...capacity.actions.map((action) => action.targetCapacity)].map((units) => units * capacity.unitSize) : []),
  ].filter(Number.isFinite);
  return Math.max(0, ...values);
}

function axes(frame: Frame, span: TimeWindow, demandTickValues: readonly number[], resourceType: string): string {
  const maxTimeTicks = Math.max(2, Math.floor((frame.right - frame.left) / MIN_TICK_SPACING));
  const timeLabels = timeTicks(span.from, span.to, maxTimeTicks).map(({ time, label }) => {
    const x = px(frame.x(time));
    return (
      element('line', { x1: x, x2: x, y1: frame.top, y2: frame.bottom, stroke: COLOURS.grid }) +
      element('line', { x1: x, x2: x, y1: frame.bottom, y2: frame.bottom + 5, stroke: COLOURS.axis }) +
      element('text', { x, y: frame.bottom + 19, 'text-anchor': 'middle', 'font-size': 11, fill: COLOURS.muted }, text(label))
    );
  });
  const demandLabels = demandTickValues.map((value) => {
    const y = px(frame.y(value));
    return (
      element('line', { x1: frame.left, x2: frame.right, y1: y, y2: y, stroke: COLOURS.grid }) +
      element('text', { x: frame.left - 8, y, dy: '0.32em', 'text-anchor': 'end', 'font-size': 11, fill: COLOURS.muted }, text(quantity(value)))
    );
  });
  const middle = px((frame.top + frame.bottom) / 2);
  return element(
    'g',
    { class: 'axes' },
    element('g', { class: 'y-axis' }, ...demandLabels),
    element('g', { class: 'x-axis' }, ...timeLabels),
    element('line', { x1: frame.left, x2: frame.right, y1: frame.bottom, y2: frame.bottom, stroke: COLOURS.axis }),
    element('line', { x1: frame.left, x2: frame.left, y1: frame.top, y2: frame.bottom, stroke: COLOURS.axis }),
    element('text', { x: px((frame.left + frame.right) / 2), y: frame.bottom + 38, 'text-anchor': 'middle', 'font-size': 12, fill: COLOURS.text }, text('time (UTC)')),
    element('text', { x: 18, y: middle, transform: `rotate(-90 18 ${middle})`, 'text-anchor': 'middle', 'font-size': 12, fill: COLOURS.text }, text(demandAxisTitle(resourceType))),
  );
}

/** COMPUTE and NETWORK add up over an hour; MEMORY and STORAGE are levels whose hour is its peak (usageSeries). */
function demandAxisTitle(resourceType: string): string {
  return resourceType === 'MEMORY' || resourceType === 'STORAGE' ? `${resourceType}, hourly peak (metered unit)` : `${resourceType} per hour (metered unit)`;
}

/** Where the past ends and the forecast begins. */
function forecastStart(frame: Frame, forecast: PlottedForecast): string {
  const x = px(frame.x(Date.parse(forecast.startsAt)));
  return element(
    'g',
    { class: 'forecast-start' },
    element('line', { x1: x, x2: x, y1: frame.top, y2: frame.bottom, stroke: COLOURS.axis, 'stroke-dasharray': '2 3' }),
    element('text', { x: px(frame.x(Date.parse(forecast.startsAt)) + 4), y: frame.top + 12, 'font-size': 11, fill: COLOURS.muted }, text('forecast →')),
  );
}

function band(frame: Frame, forecast: PlottedForecast): string {
  if (forecast.points.length === 0) return '';
  const upper = forecast.points.map((point) => `${px(frame.x(Date.parse(point.time)))} ${px(frame.y(point.upper))}`);
  const lower = [...forecast.points].reverse().map((point) => `${px(frame.x(Date.parse(point.time)))} ${px(frame.y(Math.max(0, point.lower)))}`);
  return element('path', { class: 'forecast-band', d: `M${[...upper, ...lower].join('L')}Z`, fill: COLOURS.band, 'fill-opacity': 0.28, stroke: 'none' });
}

function expectedLine(frame: Frame, forecast: PlottedForecast): string {
  if (forecast.points.length === 0) return '';
  const d = linePath(frame, forecast.points.map((point) => [Date.parse(point.time), point.expected]));
  return element('path', { class: 'forecast-expected', d, fill: 'none', stroke: COLOURS.forecast, 'stroke-width': 2, 'stroke-dasharray': '6 4' });
}

/** A line through hourly points; a missing hour breaks it rather than bridging what was not measured. */
function linePath(frame: Frame, points: readonly (readonly [number, number])[]): string {
  let previous: number | undefined;
  return points
    .map(([time, value]) => {
      const command = previous !== undefined && time - previous <= HOUR_MS ? 'L' : 'M';
      previous = time;
      return `${command}${px(frame.x(time))} ${px(frame.y(value))}`;
    })
    .join('');
}

/** Each hour's capacity held flat across the hour, in demand terms (units × unitSize). */
function capacityLine(frame: Frame, capacity: PlottedCapacity): string {
  if (capacity.capacities.length === 0) return '';
  const start = Date.parse(capacity.start);
  const level = (units: number) => px(frame.y(units * capacity.unitSize));
  let d = `M${px(frame.x(start))} ${level(capacity.capacities[0])}`;
  capacity.capacities.forEach((units, hour) => {
    d += `H${px(frame.x(start + (hour + 1) * HOUR_MS))}`;
    const next = capacity.capacities[hour + 1];
    if (next !== undefined && next !== units) d += `V${level(next)}`;
  });
  return element('path', { class: 'capacity', d, fill: 'none', stroke: COLOURS.capacity, 'stroke-width': 2 });
}

function actionMarkers(frame: Frame, capacity: PlottedCapacity): string {
  const markers = capacity.actions.map((action) => {
    const x = frame.x(Date.parse(action.time));
    const y = frame.y(action.targetCapacity * capacity.unitSize);
    const status = action.status.toLowerCase();
    return element('g', { class: `action action-${status}` }, element('title', {}, text(actionSummary(action))), actionMark(status, x, y));
  });
  return element('g', { class: 'actions' }, ...markers);
}

/** Applied: a filled dot; pending: a hollow one; failed: a red cross. */
function actionMark(status: string, x: number, y: number): string {
  if (status === 'failed') {
    const d = `M${px(x - 4.5)} ${px(y - 4.5)}L${px(x + 4.5)} ${px(y + 4.5)}M${px(x - 4.5)} ${px(y + 4.5)}L${px(x + 4.5)} ${px(y - 4.5)}`;
    return element('path', { d, stroke: COLOURS.failed, 'stroke-width': 2.5, 'stroke-linecap': 'round' });
  }
  const applied = status === 'applied';
  return element('circle', { cx: px(x), cy: px(y), r: 4.5, fill: applied ? COLOURS.capacity : COLOURS.background, stroke: applied ? COLOURS.background : COLOURS.capacity, 'stroke-width': applied ? 1.5 : 2 });
}

function actionSummary(action: PlottedAction): string {
  const summary = `${action.status.toLowerCase()} · ${utcMinute(action.time)} · ${action.fromCapacity} → ${action.targetCapacity} units`;
  return action.reason ? `${summary} · ${action.reason}` : summary;
}

function legendItems(history: readonly UsageHour[], forecast: PlottedForecast | null, capacity: PlottedCapacity | null): LegendItem[] {
  const line = (colour: string, dash?: string) => (x: number, y: number) => element('line', { x1: x, x2: x + 22, y1: y, y2: y, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash });
  const items: LegendItem[] = [];
  if (history.length > 0) items.push({ swatch: line(COLOURS.usage), label: 'usage' });
  if (forecast) {
    items.push({ swatch: line(COLOURS.forecast, '6 4'), label: 'forecast (expected)' });
    items.push({ swatch: (x, y) => element('rect', { x, y: y - 6, width: 22, height: 12, fill: COLOURS.band, 'fill-opacity': 0.28 }), label: `${percent(forecast.intervalCoverage)} interval` });
  }
  if (capacity) {
    items.push({ swatch: line(COLOURS.capacity), label: `planned capacity (units × unit size ${grouped(capacity.unitSize)})` });
    for (const status of ['APPLIED', 'FAILED', 'PENDING']) {
      if (capacity.actions.some((action) => action.status === status)) items.push({ swatch: (x, y) => actionMark(status.toLowerCase(), x + 11, y), label: `action ${status.toLowerCase()}` });
    }
  }
  return items;
}

/** Items left to right, wrapping onto a second row when the first is full. */
function legend(items: readonly LegendItem[], height: number, width: number): string {
  let x = MARGIN.left;
  let y = height - 38;
  const drawn = items.map((item) => {
    const itemWidth = 28 + textWidth(item.label, 12) + 20;
    if (x + itemWidth > width - MARGIN.right && x > MARGIN.left) {
      x = MARGIN.left;
      y += 20;
    }
    const markup = element('g', { class: 'legend-item' }, item.swatch(x, y), element('text', { x: px(x + 28), y, dy: '0.32em', 'font-size': 12, fill: COLOURS.text }, text(item.label)));
    x += itemWidth;
    return markup;
  });
  return element('g', { class: 'legend' }, ...drawn);
}

function emptyNote(data: ForecastPlotData, width: number, height: number): string {
  const note = `No usage, forecast or schedule of ${data.resourceType} yet.`;
  return element('text', { class: 'empty-note', x: width / 2, y: height / 2, 'text-anchor': 'middle', 'font-size': 14, fill: COLOURS.muted }, text(note));
}

/** The forecast's model and figures and the schedule's state, as phrases the subtitle wraps between. */
function subtitlePhrases(data: ForecastPlotData): string[] {
  const parts: string[] = [];
  const forecast = data.forecast;
  if (forecast) {
    parts.push(`model ${forecast.modelId}`, `made ${utcMinute(forecast.generatedAt)}`);
    const { wape, mase, coverage } = forecast.accuracy;
    if (wape !== null) parts.push(`backtest accuracy ${percent(1 - wape)} (WAPE ${percent(wape)})`);
    if (mase !== null) parts.push(`MASE ${mase.toFixed(2)}`);
    if (coverage !== null) parts.push(`interval held ${percent(coverage)}`);
  } else {
    parts.push('no forecast yet');
  }
  if (data.capacity) parts.push(`schedule ${data.capacity.status}`);
  return parts;
}

function description(data: ForecastPlotData, historyDays: number): string {
  const parts = [`${data.resourceType} usage of tenant ${data.tenantLabel} over the ${historyDays} days before the forecast`];
  if (data.forecast) parts.push(`the forecast from ${utcMinute(data.forecast.startsAt)} by model ${data.forecast.modelId} with its ${percent(data.forecast.intervalCoverage)} interval`);
  if (data.capacity) parts.push(`the capacity schedule ${data.capacity.scheduleId} (${data.capacity.status}) and its ${data.capacity.actions.length} action(s)`);
  return `${parts.join(', ')}.`;
}
