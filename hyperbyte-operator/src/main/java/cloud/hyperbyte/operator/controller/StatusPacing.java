package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.queue.ResourceKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When a changed cluster status is written. A change someone acts on is written at once; progress
 * alone ({@link StatusProgress}) waits until a period has passed since the cluster's last status write
 * (or, before any, since this process first looked at it). The period starts at the base period and
 * doubles after each write of progress alone, up to {@link #MOST}; a write of a change someone acts on
 * brings it back to the base. So a cluster that forms within the base period is written once, Running,
 * instead of once per pod event, and one that takes minutes (images pulled, a loaded API server) is
 * written a handful of times, not once per base period. Measured on the process's monotonic time, not
 * the operator's clock, which tests move.
 */
final class StatusPacing {

  /** Production base period: a new cluster's first status comes at most this late. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(3);
  /** The longest progress ever waits while something else changes. */
  static final Duration MOST = Duration.ofMinutes(1);

  private record Pace(long since, long period, boolean progressDue) {}

  private final long base;
  private final long most;
  private final LongSupplier nanoTime;
  private final Map<ResourceKey, Pace> paces = new ConcurrentHashMap<>();

  StatusPacing(Duration period, LongSupplier nanoTime) {
    this.base = period.toNanos();
    this.most = Math.max(base, MOST.toNanos());
    this.nanoTime = nanoTime;
  }

  /**
   * Empty when {@code derived} is to be written now; otherwise how long it may wait (the pass asks to
   * run again then, unless an event comes first).
   */
  Optional<Duration> wait(ResourceKey key, HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    long now = nanoTime.getAsLong();
    boolean progressOnly = StatusProgress.only(stored, derived);
    Pace pace = paces.compute(key, (k, known) -> {
      Pace current = known == null ? new Pace(now, base, false) : known;
      return new Pace(current.since(), current.period(), progressOnly);
    });
    if (!progressOnly) {
      return Optional.empty();
    }
    long left = pace.since() + pace.period() - now;
    return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
  }

  /** The status of {@code key} was just written (as {@link #wait} last allowed). */
  void written(ResourceKey key) {
    long now = nanoTime.getAsLong();
    paces.compute(key, (k, known) -> {
      boolean progress = known != null && known.progressDue();
      return new Pace(now, progress ? Math.min(2 * known.period(), most) : base, false);
    });
  }

  /** The cluster is gone. */
  void forget(ResourceKey key) {
    paces.remove(key);
  }
}
