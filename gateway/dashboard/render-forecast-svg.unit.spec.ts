import type { ForecastPlotData } from './forecast-plot-data';
import { renderForecastSvg } from './render-forecast-svg';
import { elementsNamed, elementsWithClass, parseSvg, type SvgElement } from './test-support/parse-svg';
import { hoursFrom, SAMPLE_FORECAST_START, samplePlotData } from './test-support/sample-plot-data';

const START_MS = Date.parse(SAMPLE_FORECAST_START);

/** The points of a path's `d`: each M or L command's x and y. */
function pathPoints(d: string): { command: string; x: number; y: number }[] {
  return [...d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)].map(([, command, x, y]) => ({ command, x: Number(x), y: Number(y) }));
}

function only(root: SvgElement, className: string): SvgElement {
  const found = elementsWithClass(root, className);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The subtitle as one line: its wrapped lines joined where they were broken. */
const subtitleOf = (root: SvgElement) => elementsNamed(only(root, 'subtitle'), 'tspan').map((line) => line.textContent).join(' · ');

const texts = (root: SvgElement) => elementsNamed(root, 'text').map((element) => element.textContent ?? '');

describe('renderForecastSvg', () => {
  it('draws history, forecast band and line, capacity steps, action markers, axes and a legend, as well-formed SVG', () => {
    // given a tenant's usage, forecast and schedule
    const data = samplePlotData();

    // when it is rendered
    const svg = parseSvg(renderForecastSvg(data));

    // then it is one SVG document that names what it shows
    expect(svg.localName).toBe('svg');
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('viewBox')).toBe('0 0 960 500');
    expect(elementsNamed(svg, 'title')[0].textContent).toBe('COMPUTE demand forecast · Acme');
    expect(subtitleOf(svg)).toBe('model mstl-24-168 · made 2026-05-12 10:03 UTC · backtest accuracy 93.1 % (WAPE 6.9 %) · MASE 0.71 · interval held 88 % · schedule APPLIED');
    // and each series is there
    expect(pathPoints(only(svg, 'history').getAttribute('d')!)).toHaveLength(7 * 24);
    expect(pathPoints(only(svg, 'forecast-expected').getAttribute('d')!)).toHaveLength(24);
    expect(pathPoints(only(svg, 'forecast-band').getAttribute('d')!)).toHaveLength(48);
    expect(only(svg, 'capacity').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+(H[\d.]+(V[\d.]+)?)+$/);
    expect(elementsWithClass(svg, 'action-applied')).toHaveLength(1);
    expect(elementsWithClass(svg, 'action-failed')).toHaveLength(1);
    expect(elementsWithClass(svg, 'action-pending').length).toBeGreaterThan(0);
    expect(elementsNamed(only(svg, 'action-failed'), 'title')[0].textContent).toMatch(/^failed · 2026-05-12 \d\d:00 UTC · \d → \d units · superseded by the action of 12:00$/);
    // and axes with day labels and demand labels, and a legend that says how capacity is scaled
    expect(texts(svg)).toEqual(expect.arrayContaining(['Wed 6 May', 'Mon 11 May', 'Tue 12 May', 'time (UTC)', 'COMPUTE per hour (metered unit)', '0', '10k', '20k']));
    expect(elementsWithClass(svg, 'legend-item').map((item) => item.textContent)).toEqual([
      'usage',
      'forecast (expected)',
      '90 % interval',
      'planned capacity (units × unit size 3,600)',
      'action applied',
      'action failed',
      'action pending',
    ]);
  });

  it('keeps the band around the expected line: upper edge above it, lower edge below', () => {
    const svg = parseSvg(renderForecastSvg(samplePlotData()));
    const band = pathPoints(only(svg, 'forecast-band').getAttribute('d')!);
    const expected = pathPoints(only(svg, 'forecast-expected').getAttribute('d')!);
    const upper = band.slice(0, 24);
    const lower = band.slice(24).reverse();
    expected.forEach((point, hour) => {
      // SVG's y grows downwards
      expect(upper[hour].y).toBeLessThan(point.y);
      expect(lower[hour].y).toBeGreaterThan(point.y);
      expect(upper[hour].x).toBe(point.x);
    });
  });

  it('draws capacity in demand terms, units × unitSize, against the demand axis', () => {
    // given one hour planned at 2 units of 5,000, so at 10k on the demand axis (ticks 0, 5k … 20k)
    const data: ForecastPlotData = {
      ...samplePlotData(),
      history: [{ time: hoursFrom(START_MS, -1), value: 20_000 }],
      forecast: null,
      capacity: { scheduleId: 's', status: 'PROPOSED', start: SAMPLE_FORECAST_START, capacities: [2], unitSize: 5_000, actions: [] },
    };

    // when it is rendered
    const svg = parseSvg(renderForecastSvg(data));

    // then the capacity line runs at the height of the 10k grid line
    const tenK = elementsNamed(only(svg, 'y-axis'), 'text').find((label) => label.textContent === '10k')!;
    expect(only(svg, 'capacity').getAttribute('d')).toMatch(new RegExp(`^M[\\d.]+ ${tenK.getAttribute('y')!.replace('.', '\\.')}H`));
    expect(elementsWithClass(svg, 'legend-item').map((item) => item.textContent)).toContain('planned capacity (units × unit size 5,000)');
  });

  it('shows only the last historyDays of usage before the forecast', () => {
    const svg = parseSvg(renderForecastSvg(samplePlotData(20), { historyDays: 3 }));
    const history = pathPoints(only(svg, 'history').getAttribute('d')!);
    expect(history).toHaveLength(3 * 24);
    // the first hour drawn sits on the plot's left edge
    expect(history[0].x).toBe(76);
  });

  it('breaks the usage line at hours without usage instead of bridging them', () => {
    const data = samplePlotData();
    const withGap = { ...data, history: data.history.filter((_, index) => index !== data.history.length - 30) };
    const history = pathPoints(only(parseSvg(renderForecastSvg(withGap)), 'history').getAttribute('d')!);
    expect(history.filter((point) => point.command === 'M')).toHaveLength(2);
  });

  it('escapes text from users, and drops characters XML cannot hold', () => {
    // given a tenant named with markup and a control character, and a failure reason with quotes
    const data = samplePlotData();
    const hostile: ForecastPlotData = {
      ...data,
      tenantLabel: 'Acme <script>alert(1)</script> & "Sons"\u0007',
      capacity: { ...data.capacity!, actions: [{ ...data.capacity!.actions[1], reason: `executor said "no" & <b>left</b>` }] },
    };

    // when it is rendered
    const markup = renderForecastSvg(hostile);
    const svg = parseSvg(markup);

    // then the text reads as written, and no element came from it
    expect(elementsNamed(svg, 'title')[0].textContent).toBe('COMPUTE demand forecast · Acme <script>alert(1)</script> & "Sons"');
    expect(elementsNamed(svg, 'script')).toHaveLength(0);
    expect(elementsNamed(svg, 'b')).toHaveLength(0);
    expect(markup).not.toContain('<script>');
    expect(elementsNamed(only(svg, 'action-failed'), 'title')[0].textContent).toContain('executor said "no" & <b>left</b>');
  });

  it('wraps a long subtitle onto more lines, moving the plot down, and cuts a model id too long for a line', () => {
    // given an ensemble whose id alone is wider than the picture
    const data = samplePlotData();
    const modelId = `ensemble-mean(${Array.from({ length: 12 }, (_, index) => `same-hour-median-${index}x168h`).join(' + ')})`;
    const svg = parseSvg(renderForecastSvg({ ...data, forecast: { ...data.forecast!, modelId } }));

    // then the subtitle takes several lines, the first cut short, and the demand axis starts below them
    const lines = elementsNamed(only(svg, 'subtitle'), 'tspan').map((line) => line.textContent ?? '');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^model ensemble-mean\(same-hour-median-0x168h.*…$/);
    expect(lines.slice(1).join(' · ')).toContain('backtest accuracy 93.1 %');
    const axisTops = elementsNamed(only(svg, 'y-axis'), 'text').map((label) => Number(label.getAttribute('y')));
    expect(Math.min(...axisTops)).toBeGreaterThan(48 + 16 * (lines.length - 1));
    expect(elementsNamed(svg, 'desc')[0].textContent).toContain(`by model ${modelId}`);
  });

  it('gives the same bytes for the same data', () => {
    expect(renderForecastSvg(samplePlotData())).toBe(renderForecastSvg(samplePlotData()));
  });

  it('says so when there is nothing to draw yet', () => {
    const svg = parseSvg(renderForecastSvg({ tenantLabel: 'Globex', resourceType: 'MEMORY', history: [], forecast: null, capacity: null }));
    expect(only(svg, 'empty-note').textContent).toBe('No usage, forecast or schedule of MEMORY yet.');
    expect(subtitleOf(svg)).toBe('no forecast yet');
    expect(elementsNamed(svg, 'path')).toHaveLength(0);
  });

  it('draws a forecast without usage or schedule, titling the axis for a level resource', () => {
    const data = samplePlotData();
    const svg = parseSvg(renderForecastSvg({ ...data, resourceType: 'MEMORY', history: [], capacity: null }));
    expect(elementsWithClass(svg, 'forecast-band')).toHaveLength(1);
    expect(elementsWithClass(svg, 'history')).toHaveLength(0);
    expect(elementsWithClass(svg, 'capacity')).toHaveLength(0);
    expect(texts(svg)).toContain('MEMORY, hourly peak (metered unit)');
  });
});
