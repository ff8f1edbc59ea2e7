import { forecastFacts } from './forecast-facts';
import { samplePlotData } from './test-support/sample-plot-data';

describe('forecastFacts', () => {
  it("lists the forecast's model and accuracy and the schedule's state", () => {
    expect(forecastFacts(samplePlotData())).toEqual([
      { term: 'Model', detail: 'mstl-24-168' },
      { term: 'Made', detail: '2026-05-12 10:03 UTC' },
      { term: 'Starts', detail: '2026-05-12 10:00 UTC, 24 h ahead' },
      { term: 'Accuracy (1 − WAPE)', detail: '93.1 % (WAPE 6.9 %)' },
      { term: 'MASE', detail: '0.71' },
      { term: 'Interval', detail: '90 % band, held 88 % in the backtest' },
      { term: 'Schedule', detail: `APPLIED, ${samplePlotData().capacity!.actions.length} action(s), unit size 3,600` },
    ]);
  });

  it('says what to run when there is no forecast or schedule yet, and which figures were not measured', () => {
    const data = samplePlotData();
    expect(forecastFacts({ ...data, forecast: null, capacity: null })).toEqual([
      { term: 'Forecast', detail: 'none yet: run predictResourceDemand' },
      { term: 'Schedule', detail: 'none yet: run optimizeScalingSchedule' },
    ]);
    const unmeasured = forecastFacts({ ...data, forecast: { ...data.forecast!, accuracy: { wape: null, mase: null, coverage: null } } });
    expect(unmeasured).toEqual(expect.arrayContaining([{ term: 'Accuracy (1 − WAPE)', detail: 'not measured (short history)' }, { term: 'Interval', detail: '90 % band' }]));
  });
});
