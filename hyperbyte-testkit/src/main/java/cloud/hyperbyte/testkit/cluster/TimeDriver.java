package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.ManualTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves a {@link ManualTime} forward in the background, {@code step} per {@code tick} of real time,
 * so simulated durations (drains, startup, requeue deadlines of the code under test) pass quickly
 * while everything that runs on real threads (informers, HTTP) keeps up. {@link #pause()} freezes the
 * clock, so a test can stand at an exact instant and check what has not happened yet, then
 * {@link ManualTime#advance} by hand and {@link #resume()}.
 *
 * <p>It is the only thread that advances the clock while running; tests advance by hand only while
 * it is paused.
 */
public final class TimeDriver implements AutoCloseable {

  private final ManualTime time;
  private final Duration step;
  private final ScheduledExecutorService ticker;
  private volatile boolean paused;
  private final Object advancing = new Object();

  private TimeDriver(ManualTime time, Duration step, Duration tick) {
    this.time = Objects.requireNonNull(time, "time");
    this.step = Objects.requireNonNull(step, "step");
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "simulated-time-driver");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleWithFixedDelay(this::tick, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts advancing {@code time} by {@code step} every {@code tick} of real time. */
  public static TimeDriver start(ManualTime time, Duration step, Duration tick) {
    if (step.isNegative() || step.isZero() || tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("step and tick must be positive");
    }
    return new TimeDriver(time, step, tick);
  }

  /** Stops advancing; returns once an advance in progress has finished, so the clock stands still. */
  public void pause() {
    paused = true;
    synchronized (advancing) {
      // an advance that started before the flag was set has finished
    }
  }

  /** Advances again. */
  public void resume() {
    paused = false;
  }

  public boolean isPaused() {
    return paused;
  }

  private void tick() {
    synchronized (advancing) {
      if (!paused) {
        try {
          time.advance(step);
        } catch (RuntimeException e) {
          // a simulated task failed; the clock keeps going as real time would
        }
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
