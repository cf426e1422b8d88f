package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.queue.ResourceKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When a changed cluster status is written: a change someone acts on at once, progress alone
 * ({@link StatusProgress}) at most once per period per cluster, counted from the cluster's last status
 * write or, before any, from when this process first looked at it. A cluster that forms within the
 * period is written once, Running, instead of once per pod event; one that takes longer shows its
 * progress every period. Measured on the process's monotonic time, not the operator's clock, which
 * tests move.
 */
final class StatusPacing {

  /** Production period: status lags the members by at most this much while nothing else changes. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(3);

  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final Map<ResourceKey, Long> since = new ConcurrentHashMap<>();

  StatusPacing(Duration period, LongSupplier nanoTime) {
    this.periodNanos = period.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Empty when {@code derived} is to be written now; otherwise how long it may wait (the pass asks to
   * run again then, unless an event comes first).
   */
  Optional<Duration> wait(ResourceKey key, HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    long now = nanoTime.getAsLong();
    long from = since.computeIfAbsent(key, k -> now);
    if (!StatusProgress.only(stored, derived)) {
      return Optional.empty();
    }
    long left = from + periodNanos - now;
    return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
  }

  /** The status of {@code key} was just written. */
  void written(ResourceKey key) {
    since.put(key, nanoTime.getAsLong());
  }

  /** The cluster is gone. */
  void forget(ResourceKey key) {
    since.remove(key);
  }
}
