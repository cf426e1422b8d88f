package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and scheduler every simulated node runs on: startup, heartbeats, the drain's flush and
 * ack wait, triggered syncs. Tests use {@link ManualTime} and advance it; end-to-end runs can use
 * {@link RealTime}. Network latency is the exception: it is real time, because the caller's HTTP
 * timeouts are.
 */
public interface SimulatedTime {

  /** The current simulated instant. */
  Instant now();

  /**
   * Runs {@code task} once {@code delay} has passed on this clock. Tasks due at the same instant run
   * in the order they were scheduled.
   */
  Scheduled schedule(Duration delay, Runnable task);

  /** A manual clock starting at {@code start}; nothing happens until it is advanced. */
  static ManualTime manual(Instant start) {
    return new ManualTime(start);
  }

  /** The wall clock with a daemon scheduler thread. */
  static RealTime real() {
    return new RealTime();
  }

  /** A scheduled task that can still be cancelled. */
  interface Scheduled {
    /** Stops the task from running; no effect once it ran. */
    void cancel();
  }
}
