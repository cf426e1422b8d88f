package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.KeyHandler;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The work queue's handler: sends each key to the reconciler of its kind, counts and times the
 * reconcile by kind, and puts the resource into the logging context of everything logged meanwhile.
 */
public final class ResourceRouter implements KeyHandler<ResourceKey> {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceRouter.class);

  /** A reconciler of one kind of resource. */
  @FunctionalInterface
  public interface Reconciler {
    ReconcileResult reconcile(ResourceKey key) throws Exception;
  }

  private final Map<ResourceKind, Reconciler> reconcilers;
  private final OperatorMetrics metrics;
  /** The pass's own cost is its thread's CPU time: waiting for the API server or members uses none. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public ResourceRouter(Map<ResourceKind, Reconciler> reconcilers, OperatorMetrics metrics) {
    this.reconcilers = new EnumMap<>(ResourceKind.class);
    this.reconcilers.putAll(reconcilers);
    this.metrics = metrics;
  }

  @Override
  public ReconcileResult handle(ResourceKey key) throws Exception {
    Reconciler reconciler = reconcilers.get(key.kind());
    if (reconciler == null) {
      LOG.debug("no reconciler for {}", key);
      return ReconcileResult.done();
    }
    long start = System.nanoTime();
    long cpuStart = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
    MDC.put("resource", key.toString());
    boolean failed = true;
    try {
      ReconcileResult result = reconciler.reconcile(key);
      failed = false;
      return result;
    } finally {
      metrics.reconciled(key.kind().kind(), Duration.ofNanos(System.nanoTime() - start), failed);
      if (cpuStart >= 0) {
        metrics.reconcileCpu(key.kind().kind(), Duration.ofNanos(CPU.getCurrentThreadCpuTime() - cpuStart));
      }
      MDC.remove("resource");
    }
  }
}
