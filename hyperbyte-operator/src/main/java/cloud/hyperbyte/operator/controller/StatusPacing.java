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
 *   <li>Progress of a cluster being created is written when the creation has stalled: nothing in it
 *       moved for {@link #MOST} (as a Deployment's progress deadline counts from its last progress),
 *       or, for a creation that keeps moving without ending, {@link #CREATION_MOST} after the last
 *       write. What a moving creation says (pods appearing, starting, joining) the StatefulSet and
 *       its pods show as it happens, and its end, Running and Ready, is news: so a creation that
 *       moves is written once, when it ends, however slowly it moves.
 * </ul>
 *
 * Measured on the process's monotonic time, not the operator's clock, which tests move.
 */
final class StatusPacing {

  /** Production base period: progress of a running cluster waits at least this long. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(3);
  /** At the default period, the longest progress ever waits; how long a stalled creation waits. */
  static final Duration MOST = Duration.ofMinutes(1);
  /** At the default period, the longest a creation that keeps moving waits: Strimzi's default operation timeout. */
  static final Duration CREATION_MOST = Duration.ofMinutes(5);

  /**
   * @param since the last status write, or when this process first looked at the cluster
   * @param period how long progress waits after {@code since}
   * @param progressDue whether the last status derived was progress alone
   * @param moved when a creation's progress last changed (or the last write)
   * @param creation the hash of what a creation had got to at {@code moved} ({@link StatusProgress#creationProgress}):
   *     a hash, not the text, as a thousand clusters may be created at once
   */
  private record Pace(long since, long period, boolean progressDue, long moved, int creation) {}

  private final long base;
  private final long most;
  private final long creationMost;
  private final LongSupplier nanoTime;
  private final Map<ResourceKey, Pace> paces = new ConcurrentHashMap<>();

  /**
   * @param period the base period; the bounds keep their ratio to it ({@link #MOST} and
   *     {@link #CREATION_MOST} are those of the production {@link #DEFAULT_PERIOD}), so a test that
   *     paces in milliseconds sees a creation stall in a proportionate time
   */
  StatusPacing(Duration period, LongSupplier nanoTime) {
    this.base = period.toNanos();
    this.most = base * (MOST.toNanos() / DEFAULT_PERIOD.toNanos());
    this.creationMost = base * (CREATION_MOST.toNanos() / DEFAULT_PERIOD.toNanos());
    this.nanoTime = nanoTime;
  }

  /**
   * Empty when {@code derived} is to be written now; otherwise how long it may wait (the pass asks to
   * run again then, unless an event comes first).
   */
  Optional<Duration> wait(ResourceKey key, HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    long now = nanoTime.getAsLong();
    Change change = StatusProgress.of(stored, derived);
    int creation = change == Change.CREATION ? StatusProgress.creationProgress(derived).hashCode() : 0;
    Pace pace = paces.compute(key, (k, known) -> {
      Pace current = known == null ? new Pace(now, base, false, now, creation) : known;
      long moved = creation == current.creation() ? current.moved() : now;
      return new Pace(current.since(), current.period(), change != Change.NEWS, moved, creation);
    });
    long until = switch (change) {
      case NEWS -> now;
      case PROGRESS -> pace.since() + pace.period();
      case CREATION -> Math.min(pace.moved() + most, pace.since() + creationMost);
    };
    long left = until - now;
    return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
  }

  /** The status of {@code key} was just written (as {@link #wait} last allowed). */
  void written(ResourceKey key) {
    long now = nanoTime.getAsLong();
    paces.compute(key, (k, known) -> {
      boolean progress = known != null && known.progressDue();
      int creation = known == null ? 0 : known.creation();
      return new Pace(now, progress ? Math.min(2 * known.period(), most) : base, false, now, creation);
    });
  }

  /** The cluster is gone. */
  void forget(ResourceKey key) {
    paces.remove(key);
  }
}
