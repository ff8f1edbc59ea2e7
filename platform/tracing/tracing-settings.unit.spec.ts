import { loadConfig } from '../config';

describe('tracing settings (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)', () => {
  it('is off when neither is set', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
  });

  it("sends to the endpoint's /v1/traces, or to the traces endpoint as given, which wins", () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({ tracesUrl: 'http://collector:4318/v1/traces' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest' }).tracing).toEqual({
      tracesUrl: 'https://traces.example/ingest',
    });
  });

  it('refuses a value that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' })).toThrow(
      'Environment variable OTEL_EXPORTER_OTLP_ENDPOINT must be the http(s) URL of an OTLP/HTTP collector (e.g. http://localhost:4318), got "collector:4317"',
    );
  });
});
