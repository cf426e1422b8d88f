package cloud.hyperbyte.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The operator's own Prometheus metrics. Label values are bounded sets (resource kinds, HTTP verbs,
 * endpoint paths, outcomes): never object names, so the series count does not grow with clusters.
 */
public final class OperatorMetrics {

  private final PrometheusRegistry registry;
  private final Counter reconciles;
  private final Counter reconcileErrors;
  private final Histogram reconcileDuration;
  private final Histogram reconcileCpu;
  private final Histogram queueWait;
  private final Counter apiWrites;
  private final Counter databaseCalls;
  private final Gauge leader;
  private final Counter fencedActions;

  public OperatorMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    reconciles = Counter.builder()
        .name("hyperbyte_operator_reconciles_total")
        .help("Reconciles run, by custom resource kind")
        .labelNames("kind")
        .register(registry);
    reconcileErrors = Counter.builder()
        .name("hyperbyte_operator_reconcile_errors_total")
        .help("Reconciles that failed and were retried with backoff, by custom resource kind")
        .labelNames("kind")
        .register(registry);
    reconcileDuration = Histogram.builder()
        .name("hyperbyte_operator_reconcile_duration_seconds")
        .help("Duration of one reconcile, by custom resource kind")
        .labelNames("kind")
        .classicOnly()
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
        .register(registry);
    reconcileCpu = Histogram.builder()
        .name("hyperbyte_operator_reconcile_cpu_seconds")
        .help("CPU time of the reconciling thread in one reconcile, by custom resource kind: the operator's own "
            + "cost of a pass, without the time spent waiting for the API server or members")
        .labelNames("kind")
        .classicOnly()
        .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
        .register(registry);
    queueWait = Histogram.builder()
        .name("hyperbyte_operator_queue_wait_seconds")
        .help("Time a resource waited in the work queue from when it was due until a worker took it")
        .classicOnly()
        .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
        .register(registry);
    apiWrites = Counter.builder()
        .name("hyperbyte_operator_api_writes_total")
        .help("Kubernetes API writes, by verb (apply, delete, patch-status, create) and object kind")
        .labelNames("verb", "kind")
        .register(registry);
    databaseCalls = Counter.builder()
        .name("hyperbyte_operator_database_calls_total")
        .help("Calls to HyperbyteDB members, by endpoint and outcome (ok or the failure kind)")
        .labelNames("endpoint", "outcome")
        .register(registry);
    fencedActions = Counter.builder()
        .name("hyperbyte_operator_fenced_actions_total")
        .help("Writes and member calls refused because this process may no longer hold the leader Lease")
        .register(registry);
    leader = Gauge.builder()
        .name("hyperbyte_operator_leader")
        .help("1 while this operator process holds the leader Lease (or runs without election)")
        .register(registry);
  }

  /** The fence refused an action. */
  public void fencedAction() {
    fencedActions.inc();
  }

  /** Metrics in a registry of their own (tests, embedders). */
  public static OperatorMetrics standalone() {
    return new OperatorMetrics(new PrometheusRegistry());
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Records one reconcile of a {@code kind} resource. */
  public void reconciled(String kind, Duration duration, boolean failed) {
    reconciles.labelValues(kind).inc();
    if (failed) {
      reconcileErrors.labelValues(kind).inc();
    }
    reconcileDuration.labelValues(kind).observe(duration.toNanos() / 1e9);
  }

  /** Records the CPU time the reconciling thread spent in one reconcile of a {@code kind} resource. */
  public void reconcileCpu(String kind, Duration cpu) {
    reconcileCpu.labelValues(kind).observe(cpu.toNanos() / 1e9);
  }

  /** Records how long a due resource waited for a worker. */
  public void queueWait(Duration wait) {
    queueWait.observe(Math.max(0, wait.toNanos()) / 1e9);
  }

  /** Records one API write. */
  public void apiWrite(String verb, String kind) {
    apiWrites.labelValues(verb, kind).inc();
  }

  /** Total API writes so far, over all verbs and kinds (for tests that count writes). */
  public long apiWriteCount() {
    return (long) apiWrites.collect().getDataPoints().stream().mapToDouble(d -> d.getValue()).sum();
  }

  /** Records one call to a database member. */
  public void databaseCall(String endpoint, String outcome) {
    databaseCalls.labelValues(endpoint, outcome).inc();
  }

  /** Exposes the work queue's depth, read at scrape time. */
  public void queueDepth(IntSupplier depth) {
    GaugeWithCallback.builder()
        .name("hyperbyte_operator_queue_depth")
        .help("Resources waiting in the work queue (due now or at a requested time)")
        .callback(callback -> callback.call(depth.getAsInt()))
        .register(registry);
  }

  /** Sets the leader gauge. */
  public void leading(boolean isLeader) {
    leader.set(isLeader ? 1 : 0);
  }
}
