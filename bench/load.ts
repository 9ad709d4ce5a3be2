/**
 * A closed-loop load generator: `connections` workers, each with its own keep-alive
 * socket (node:http Agent, maxSockets = connections), send one request, read the whole
 * body, send the next. Requests that complete inside the measured window count; the
 * warm-up before it runs the same load unrecorded.
 */
import http from 'node:http';

export interface Target {
  path: string;
  headers?: Record<string, string>;
  /** GET unless set (the ballot scenario PUTs a JSON body). */
  method?: string;
  /** A JSON body, sent with its content type and length. */
  body?: string;
}

export interface LoadOptions<S = unknown> {
  port: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  next: () => Target;
  /** Per-request timeout; a timeout counts as an error. */
  timeoutMs?: number;
  /** Called as the measured window opens and as it closes (CPU counters). */
  sample?: () => Promise<S>;
}

export interface LoadResult<S = unknown> {
  /** What `sample` returned at the start and the end of the measured window. */
  samples?: [S, S];
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-200 replies and failed requests, counted in the measured window. */
  errors: number;
  /** status → count for the non-200s; 'socket' for failures without a reply. */
  errorKinds: Record<string, number>;
}

function send(agent: http.Agent, port: number, target: Target, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const headers = target.body
      ? {
          ...target.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(target.body)),
        }
      : target.headers;
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: target.method ?? 'GET', path: target.path, headers },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('socket'));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(e.message === 'timeout' ? 'timeout' : 'socket'));
    req.end(target.body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runLoad<S>(options: LoadOptions<S>): Promise<LoadResult<S>> {
  const { port, connections, warmupMs, durationMs, next } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const measureTo = measureFrom + durationMs;

  const at = (t: number) =>
    new Promise<S | undefined>((resolve, reject) => {
      setTimeout(
        () => (options.sample ? options.sample().then(resolve, reject) : resolve(undefined)),
        t - performance.now(),
      );
    });
  const samples = Promise.all([at(measureFrom), at(measureTo)]);
  samples.catch(() => {}); // awaited (and rethrown) after the workers finish

  async function worker() {
    while (performance.now() < measureTo) {
      const t0 = performance.now();
      const status = await send(agent, port, next(), timeoutMs);
      const t1 = performance.now();
      if (t1 < measureFrom || t1 >= measureTo) continue;
      latencies.push(t1 - t0);
      if (status !== 200 && status !== 201) errorKinds[String(status)] = (errorKinds[String(status)] ?? 0) + 1;
    }
  }

  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const [first, last] = await samples;
  const sorted = Float64Array.from(latencies).sort();
  const seconds = durationMs / 1000;
  return {
    samples: options.sample ? [first as S, last as S] : undefined,
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    errors: Object.values(errorKinds).reduce((a, b) => a + b, 0),
    errorKinds,
  };
}
