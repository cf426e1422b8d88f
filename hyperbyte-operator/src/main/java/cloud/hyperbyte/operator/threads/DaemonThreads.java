package cloud.hyperbyte.operator.threads;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's background threads: daemons, so that none of them keeps the JVM alive once the
 * operator has closed what it started (a leadership loss exits at once), and named after the work
 * they do, so that a thread dump says who holds what.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ThreadFactory named(String name) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * A pool of at most {@code threads} daemon threads that end after {@code idle} without work, so
   * that a pool used in bursts (member calls, scrapes) holds no thread, and no stack, between them;
   * work beyond {@code threads} waits in an unbounded queue.
   */
  public static ExecutorService idleEndingPool(String name, int threads, Duration idle) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idle.toNanos(), TimeUnit.NANOSECONDS,
        new LinkedBlockingQueue<>(), named(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
