package cloud.hyperbyte.testkit.kube;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated controller's work loop: keys are reconciled one at a time on one thread, a key queued
 * twice before it runs runs once, failures are retried shortly after, and every key is resynced
 * periodically so a missed watch event cannot stall the simulation: every 500 ms, or 10 ms per key
 * when there are more than 50. Keys queued by events run before keys queued by a resync: with a
 * thousand StatefulSets a resync round takes longer than its period on a loaded machine, and a pod
 * turning ready waited behind the whole round.
 */
final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  private static final long RETRY_MILLIS = 50;
  private static final long RESYNC_MILLIS = 500;
  private static final long RESYNC_MILLIS_PER_KEY = 10;

  private final ScheduledExecutorService executor;
  private final Consumer<String> reconcile;
  private final Supplier<? extends Iterable<String>> allKeys;
  private final Object queueLock = new Object();
  /** Keys an event (or a retry) queued, in order. */
  private final Set<String> events = new LinkedHashSet<>();
  /** Keys a resync queued and no event queued since, in order. */
  private final Set<String> resyncs = new LinkedHashSet<>();
  /** Whether a task that takes the next key is submitted and has not run yet. */
  private boolean stepQueued;

  ControllerLoop(String name, Consumer<String> reconcile, Supplier<? extends Iterable<String>> allKeys) {
    this.reconcile = reconcile;
    this.allKeys = allKeys;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    scheduleResync(RESYNC_MILLIS);
  }

  /** Queues {@code key} for a reconcile ahead of any resync. */
  void enqueue(String key) {
    synchronized (queueLock) {
      resyncs.remove(key);
      events.add(key);
    }
    submitStep();
  }

  /**
   * Reconciles {@code key} on the loop's thread, after the keys events queued, and waits for it (tests
   * use it to observe a settled step).
   */
  void runNow(String key) {
    try {
      executor.submit(() -> {
        String next;
        while ((next = take(false)) != null) {
          run(next);
        }
        reconcile.accept(key);
      }).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("reconcile of " + key + " failed", e);
    }
  }

  private void scheduleResync(long delayMillis) {
    try {
      executor.schedule(this::resync, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // closing
    }
  }

  private void resync() {
    long keys = 0;
    try {
      synchronized (queueLock) {
        for (String key : allKeys.get()) {
          if (!events.contains(key)) {
            resyncs.add(key);
          }
          keys++;
        }
      }
      submitStep();
    } finally {
      scheduleResync(Math.max(RESYNC_MILLIS, keys * RESYNC_MILLIS_PER_KEY));
    }
  }

  /** Submits one step (the next key) unless one is already waiting to run. */
  private void submitStep() {
    synchronized (queueLock) {
      if (stepQueued || (events.isEmpty() && resyncs.isEmpty())) {
        return;
      }
      stepQueued = true;
    }
    try {
      executor.execute(this::step);
    } catch (RejectedExecutionException closed) {
      synchronized (queueLock) {
        stepQueued = false;
      }
    }
  }

  /** Runs the next key, events first, then lets timers and {@link #runNow} in before the one after. */
  private void step() {
    synchronized (queueLock) {
      stepQueued = false;
    }
    String key = take(true);
    if (key != null) {
      run(key);
    }
    submitStep();
  }

  private String take(boolean includeResyncs) {
    synchronized (queueLock) {
      Set<String> from = !events.isEmpty() ? events : includeResyncs ? resyncs : null;
      if (from == null || from.isEmpty()) {
        return null;
      }
      Iterator<String> first = from.iterator();
      String key = first.next();
      first.remove();
      return key;
    }
  }

  private void run(String key) {
    try {
      reconcile.accept(key);
    } catch (RuntimeException e) {
      if (executor.isShutdown()) {
        return;
      }
      LOG.debug("reconcile of {} failed, retrying: {}", key, e.toString());
      try {
        executor.schedule(() -> enqueue(key), RETRY_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        // closing
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
