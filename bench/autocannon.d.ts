/** The part of autocannon v8's API that the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Client extends EventEmitter {
      on(event: 'response', listener: (statusCode: number, resBytes: number, responseTime: number) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }

    /** What one client keeps between building a request and reading its answer; emptied before each request is built. */
    type Context = Record<string, unknown>;

    /** One request of a run; `setupRequest` may change it before each sending, `onResponse` sees each answer. */
    interface Request {
      method?: 'GET' | 'POST';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: Request, context: Context) => Request;
      onResponse?: (statusCode: number, body: string, context: Context) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      /** Requests per second across all connections; unlimited when absent. */
      overallRate?: number;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** Requests sent in turn instead of the one described by method, headers and body. */
      requests?: Request[];
      timeout?: number;
      setupClient?: (client: Client) => void;
      verifyBody?: (body: string) => boolean;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p99: number;
      total: number;
      sent?: number;
    }

    interface Result {
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      '2xx': number;
      latency: Histogram;
      requests: Histogram;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
