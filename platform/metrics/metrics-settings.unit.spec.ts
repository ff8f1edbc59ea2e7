import { loadConfig } from '../config';

describe('METRICS_TOKEN and METRICS_PORT', () => {
  it('serve /metrics beside every process\'s routes, openly, in development', () => {
    expect(loadConfig({}).metrics).toEqual({ onServicePorts: true });
  });

  it('in production, serve it there only with a token, and never there when it has a port of its own', () => {
    const token = 'a'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toEqual({ onServicePorts: false });
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: token }).metrics).toEqual({ token, onServicePorts: true });
    expect(loadConfig({ NODE_ENV: 'production', METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, onServicePorts: false });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics.onServicePorts).toBe(false);
  });

  it('refuses a short token and a port that is no port', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'secret' })).toThrow('METRICS_TOKEN must be at least 16 characters');
    expect(() => loadConfig({ METRICS_PORT: '0' })).toThrow('METRICS_PORT must be at least 1');
    expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow('METRICS_PORT must be a non-negative integer');
  });
});
