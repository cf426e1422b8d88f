package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.controller.StatusProgress.Change;
import cloud.hyperbyte.operator.queue.ResourceKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When a changed cluster status is written ({@link StatusProgress} tells the changes apart).
 *
 * <ul>
 *   <li>A change someone acts on is written at once.
 *   <li>Progress alone waits until a period has passed since the cluster's last status write (or,
 *       before any, since this process first looked at it). The period starts at the base period and
 *       doubles after each write of progress alone, up to {@link #MOST}; a write of news brings it
 *       back to the base.
 *   <li>Progress of a cluster being created waits {@link #MOST}: what it says (pods appearing,
 *       starting, joining) the StatefulSet and its pods show as it happens, and the end of the
 *       creation, Running, is news; so a creation is written once, when it ends, and one that takes
 *       longer than a minute is written once a minute meanwhile, saying what it waits for.
 *   <li>The end of a creation while some member does not serve yet waits up to one base period for
 *       it (the last member's readiness follows its joining within moments), so that Running and
 *       Ready make one write.
 * </ul>
 *
 * Measured on the process's monotonic time, not the operator's clock, which tests move.
 */
final class StatusPacing {

  /** Production base period: progress of a running cluster waits at least this long. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(3);
  /** The longest progress ever waits while something else changes. */
  static final Duration MOST = Duration.ofMinutes(1);

  /**
   * @param since the last status write, or when this process first looked at the cluster
   * @param period how long progress waits after {@code since}
   * @param progressDue whether the last status derived was progress alone
   * @param formedSince when a pass first found the creation ended before every member served, or {@link #NONE}
   */
  private record Pace(long since, long period, boolean progressDue, long formedSince) {}

  private static final long NONE = Long.MIN_VALUE;

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
    Change change = StatusProgress.of(stored, derived);
    Pace pace = paces.compute(key, (k, known) -> {
      Pace current = known == null ? new Pace(now, base, false, NONE) : known;
      long formedSince = change != Change.FORMED_BEFORE_READY ? NONE
          : current.formedSince() != NONE ? current.formedSince() : now;
      boolean progress = change == Change.PROGRESS || change == Change.CREATION;
      return new Pace(current.since(), current.period(), progress, formedSince);
    });
    long until = switch (change) {
      case NEWS -> now;
      case PROGRESS -> pace.since() + pace.period();
      case CREATION -> pace.since() + most;
      case FORMED_BEFORE_READY -> pace.formedSince() + base;
    };
    long left = until - now;
    return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
  }

  /** The status of {@code key} was just written (as {@link #wait} last allowed). */
  void written(ResourceKey key) {
    long now = nanoTime.getAsLong();
    paces.compute(key, (k, known) -> {
      boolean progress = known != null && known.progressDue();
      return new Pace(now, progress ? Math.min(2 * known.period(), most) : base, false, NONE);
    });
  }

  /** The cluster is gone. */
  void forget(ResourceKey key) {
    paces.remove(key);
  }
}
