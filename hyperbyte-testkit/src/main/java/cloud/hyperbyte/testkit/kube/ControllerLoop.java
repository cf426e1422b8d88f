package cloud.hyperbyte.testkit.kube;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * when there are more than 50 (a thousand StatefulSets resynced twice a second kept the loop and the
 * API server busy with nothing but resyncs).
 */
final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  private static final long RETRY_MILLIS = 50;
  private static final long RESYNC_MILLIS = 500;
  private static final long RESYNC_MILLIS_PER_KEY = 10;

  private final ScheduledExecutorService executor;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Consumer<String> reconcile;
  private final Supplier<? extends Iterable<String>> allKeys;

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
      for (String key : allKeys.get()) {
        enqueue(key);
        keys++;
      }
    } finally {
      scheduleResync(Math.max(RESYNC_MILLIS, keys * RESYNC_MILLIS_PER_KEY));
    }
  }

  void enqueue(String key) {
    if (pending.add(key)) {
      try {
        executor.execute(() -> run(key));
      } catch (RejectedExecutionException e) {
        pending.remove(key); // closed
      }
    }
  }

  /** Reconciles {@code key} on the loop's thread and waits for it (tests use it to observe a settled step). */
  void runNow(String key) {
    try {
      executor.submit(() -> reconcile.accept(key)).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("reconcile of " + key + " failed", e);
    }
  }

  private void run(String key) {
    pending.remove(key);
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
