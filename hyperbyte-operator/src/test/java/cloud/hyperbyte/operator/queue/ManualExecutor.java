package cloud.hyperbyte.operator.queue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An {@link Executor} that only collects tasks; the test runs them one by one. */
final class ManualExecutor implements Executor {

  private final Deque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable command) {
    tasks.add(command);
  }

  /** Tasks submitted and not yet run. */
  synchronized int queued() {
    return tasks.size();
  }

  /** Runs the oldest task. */
  void runNext() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
    }
    if (task == null) {
      throw new AssertionError("no task was submitted");
    }
    task.run();
  }

  /** Runs tasks until none is left (including tasks submitted meanwhile). */
  void runAll() {
    while (queued() > 0) {
      runNext();
    }
  }
}
