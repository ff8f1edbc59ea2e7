import { HOUR_MS } from './plot-scales';
import { plotWindow, usageRange } from './plot-window';
import { SAMPLE_FORECAST_START, samplePlotData } from './test-support/sample-plot-data';

const DAY_MS = 24 * HOUR_MS;
const START_MS = Date.parse(SAMPLE_FORECAST_START);

describe('plotWindow', () => {
  it('spans historyDays before the forecast up to its last hour', () => {
    expect(plotWindow(samplePlotData(), 7)).toEqual({ from: START_MS - 7 * DAY_MS, to: START_MS + 24 * HOUR_MS });
  });

  it('starts from the schedule without a forecast, and from the end of usage without either', () => {
    const data = samplePlotData();
    expect(plotWindow({ ...data, forecast: null }, 2)).toEqual({ from: START_MS - 2 * DAY_MS, to: START_MS + 24 * HOUR_MS });
    expect(plotWindow({ ...data, forecast: null, capacity: null }, 2)).toEqual({ from: START_MS - 2 * DAY_MS, to: START_MS });
  });

  it('reaches as far as usage recorded after the forecast was made', () => {
    const data = samplePlotData();
    const later = { time: new Date(START_MS + 30 * HOUR_MS).toISOString(), value: 1 };
    expect(plotWindow({ ...data, history: [...data.history, later] }, 7)?.to).toBe(START_MS + 31 * HOUR_MS);
  });

  it('is null with nothing to show', () => {
    expect(plotWindow({ tenantLabel: 't', resourceType: 'COMPUTE', history: [], forecast: null, capacity: null }, 7)).toBeNull();
  });
});

describe('usageRange', () => {
  const forecast = samplePlotData().forecast!;

  it('asks for historyDays before the forecast up to the current hour, or to its end while it lasts', () => {
    const later = new Date(START_MS + 30 * HOUR_MS + 20 * 60_000);
    expect(usageRange(forecast, later, 7)).toEqual({ from: new Date(START_MS - 7 * DAY_MS), to: new Date(START_MS + 31 * HOUR_MS) });
    const during = new Date(START_MS + 5 * HOUR_MS);
    expect(usageRange(forecast, during, 7).to).toEqual(new Date(START_MS + 24 * HOUR_MS));
  });

  it('asks for the days before now without a forecast', () => {
    const now = new Date(START_MS + 20 * 60_000);
    expect(usageRange(null, now, 3)).toEqual({ from: new Date(START_MS + HOUR_MS - 3 * DAY_MS), to: new Date(START_MS + HOUR_MS) });
  });

  it('stays within the year usageSeries answers when the forecast is years old', () => {
    const { from, to } = usageRange(forecast, new Date(START_MS + 3 * 365 * DAY_MS), 7);
    expect(to.getTime() - from.getTime()).toBe(365 * DAY_MS);
  });
});
