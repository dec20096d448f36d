// The application's Prometheus metrics (prom-client's default registry), served at /metrics with
// the Node process's own and, in a process that runs the Temporal worker, the SDK's runtime
// metrics (worker slots, task latencies, sticky cache) scraped from its exporter.
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

collectDefaultMetrics();

const once = <T>(name: string, make: () => T): T => (register.getSingleMetric(name) as T | undefined) ?? make();

/** A command's round trip as the API sees it, by process, command and outcome (ok, a refusal code, unavailable, error). */
export const commandDuration = once(
  'itsm_command_duration_seconds',
  () =>
    new Histogram({
      name: 'itsm_command_duration_seconds',
      help: 'Command (Temporal Update) round trip seen by the API',
      labelNames: ['process', 'command', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    }),
);

/** How late an SLA breach was recorded after its deadline (the timer's and the workflow's delay). */
export const slaBreachLateness = once(
  'itsm_sla_breach_lateness_seconds',
  () =>
    new Histogram({
      name: 'itsm_sla_breach_lateness_seconds',
      help: 'Seconds between an SLA deadline and the breach being recorded',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    }),
);

/** Projections that failed: retried (the database was away) or rejected for good (bad data). */
export const projectionFailures = once(
  'itsm_projection_failures_total',
  () => new Counter({ name: 'itsm_projection_failures_total', help: 'Projection activity failures', labelNames: ['reason'] }),
);

/** A gauge whose value is read at scrape time (the outbox's backlog, from PostgreSQL). */
export const scrapedGauge = (name: string, help: string, read: () => Promise<number>) =>
  once(name, () => new Gauge({ name, help, async collect() { this.set(await read().catch(() => NaN)); } }));

/** The process's metrics, and the Temporal SDK's when this process runs a worker (TEMPORAL_SDK_METRICS_PORT). */
export async function metricsText(sdkMetricsUrl: string | undefined): Promise<string> {
  const own = await register.metrics();
  if (!sdkMetricsUrl) return own;
  const sdk = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(1000) }).then((r) => r.text()).catch(() => '');
  return `${own}\n${sdk}`;
}
