package cloud.hyperbyte.operator.queue;

import java.time.Instant;

/**
 * Time for the work queue: the current instant and a timer. Injected so tests drive time by hand
 * instead of sleeping.
 */
public interface Scheduler {

  /** The current time. */
  Instant now();

  /** Runs {@code task} once at (or soon after) {@code at}; the returned handle cancels it. */
  Scheduled schedule(Instant at, Runnable task);

  /** A pending timer. */
  interface Scheduled {
    /** Cancels the timer; a no-op once it has run. */
    void cancel();
  }
}
