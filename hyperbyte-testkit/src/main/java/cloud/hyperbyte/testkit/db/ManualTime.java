package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock that only moves when a test advances it. Due tasks run on the advancing thread, in due
 * order; tasks they schedule run in the same advance when they fall due before its end.
 */
public final class ManualTime implements SimulatedTime {

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  ManualTime(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Scheduled schedule(Duration delay, Runnable task) {
    Entry entry = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
    queue.add(entry);
    return () -> {
      synchronized (ManualTime.this) {
        queue.remove(entry);
      }
    };
  }

  /** Moves the clock forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(target)) {
          now = target;
          return;
        }
        queue.poll();
        now = next.due;
      }
      // outside the clock's lock: tasks take the simulation's lock and may schedule more tasks
      next.task.run();
    }
  }

  /** Runs the tasks that are due now without moving the clock. */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  private record Entry(Instant due, long order, Runnable task) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }
}
