package cloud.hyperbyte.operator.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test calls {@link #advance(Duration)}. */
public final class ManualScheduler implements Scheduler {

  private Instant now;
  private final List<Timer> timers = new ArrayList<>();

  public ManualScheduler(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Scheduled schedule(Instant at, Runnable task) {
    Timer timer = new Timer(at, task);
    timers.add(timer);
    return () -> {
      synchronized (ManualScheduler.this) {
        timers.remove(timer);
      }
    };
  }

  /** Moves time forward, running every timer that falls due on the way, in time order. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.stream().filter(t -> !t.at.isAfter(target)).min(Comparator.comparing(t -> t.at)).orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        timers.remove(next);
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      next.task.run();
    }
  }

  /** Timers not yet run. */
  public synchronized int pendingTimers() {
    return timers.size();
  }

  private record Timer(Instant at, Runnable task) {}
}
