package cloud.hyperbyte.operator.queue;

import cloud.hyperbyte.operator.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler} on the system clock with one daemon timer thread. */
public final class SystemScheduler implements Scheduler, AutoCloseable {

  private final Clock clock;
  private final ScheduledExecutorService timer;

  public SystemScheduler(Clock clock) {
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("work-queue-timer"));
  }

  public SystemScheduler() {
    this(Clock.systemUTC());
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Scheduled schedule(Instant at, Runnable task) {
    long delayNanos = Math.max(0, Duration.between(now(), at).toNanos());
    ScheduledFuture<?> future = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
