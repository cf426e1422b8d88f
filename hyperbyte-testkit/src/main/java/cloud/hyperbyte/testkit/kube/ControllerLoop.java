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
 * periodically so a missed watch event cannot stall the simulation.
 */
final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  private static final long RETRY_MILLIS = 50;
  private static final long RESYNC_MILLIS = 500;

  private final ScheduledExecutorService executor;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Consumer<String> reconcile;

  ControllerLoop(String name, Consumer<String> reconcile, Supplier<Iterable<String>> allKeys) {
    this.reconcile = reconcile;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> allKeys.get().forEach(this::enqueue), RESYNC_MILLIS, RESYNC_MILLIS,
        TimeUnit.MILLISECONDS);
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
