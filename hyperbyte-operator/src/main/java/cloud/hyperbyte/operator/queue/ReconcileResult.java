package cloud.hyperbyte.operator.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful reconcile asks of the queue: nothing more (wait for the next event), or to run
 * again at a given time (a failover deadline, a drain bound). Failures are thrown, not returned.
 */
public final class ReconcileResult {

  private static final ReconcileResult DONE = new ReconcileResult(null);

  private final Instant requeueAt;

  private ReconcileResult(Instant requeueAt) {
    this.requeueAt = requeueAt;
  }

  /** Converged (or waiting for an event): no timed requeue. */
  public static ReconcileResult done() {
    return DONE;
  }

  /** Run again at {@code at} unless an event comes first. */
  public static ReconcileResult requeueAt(Instant at) {
    return new ReconcileResult(Objects.requireNonNull(at, "at"));
  }

  /** The time asked for, if any. */
  public Optional<Instant> requeueAt() {
    return Optional.ofNullable(requeueAt);
  }

  @Override
  public String toString() {
    return requeueAt == null ? "done" : "requeue at " + requeueAt;
  }
}
