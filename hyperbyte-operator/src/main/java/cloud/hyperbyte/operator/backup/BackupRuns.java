package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.RunRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Backup attempts in flight, off the reconcile threads: at most {@code workers} run at once (others
 * wait their turn), at most one per backup. When an attempt ends, its report is kept until a
 * reconcile has written it to status ({@link #consumed}), and {@code finished} is told the key so
 * the work queue reconciles it at once.
 *
 * <p>The reports live in memory only: after an operator restart the backup's status still says
 * {@code Running} with no attempt in flight, which the decision treats as an interrupted attempt
 * and retries.
 */
public final class BackupRuns implements AutoCloseable {

  private final Function<RunRequest, RunReport> attempt;
  private final Consumer<ResourceKey> finished;
  private final Clock clock;
  private final ExecutorService workers;
  private final Map<ResourceKey, Future<?>> inFlight = new HashMap<>();
  private final Map<ResourceKey, RunReport> reports = new HashMap<>();

  /**
   * @param attempt carries out one attempt, never throws ({@link BackupAttempt})
   * @param workers attempts that may run at once
   * @param finished told the backup's key when an attempt ended (e.g. {@code queue::add})
   * @param clock time of a report for an attempt that threw after all
   */
  public BackupRuns(
      Function<RunRequest, RunReport> attempt, int workers, Consumer<ResourceKey> finished, Clock clock) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    this.attempt = Objects.requireNonNull(attempt, "attempt");
    this.finished = Objects.requireNonNull(finished, "finished");
    this.clock = Objects.requireNonNull(clock, "clock");
    AtomicInteger count = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "backup-run-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Starts {@code request} for {@code key}.
   *
   * @return false when an attempt of this backup is still in flight (nothing started)
   */
  public boolean start(ResourceKey key, RunRequest request) {
    synchronized (this) {
      if (inFlight.containsKey(key)) {
        return false;
      }
      reports.remove(key);
      inFlight.put(key, workers.submit(() -> run(key, request)));
    }
    return true;
  }

  private void run(ResourceKey key, RunRequest request) {
    Future<?> self;
    synchronized (this) {
      self = inFlight.get(key);
    }
    RunReport report;
    try {
      report = attempt.apply(request);
    } catch (RuntimeException e) {
      report = RunReport.failed(request.runId(), clock.instant(),
          new RunReport.Failure("UnexpectedError", "backup attempt failed: " + e, true));
    }
    synchronized (this) {
      // a cancelled attempt no longer owns the key: a later attempt of the same backup may
      inFlight.remove(key, self);
      reports.put(key, report);
    }
    finished.accept(key);
  }

  /** Whether an attempt of {@code key} is queued or running. */
  public synchronized boolean inFlight(ResourceKey key) {
    return inFlight.containsKey(key);
  }

  /**
   * Cancels every attempt queued or running (leadership lost): each is interrupted, which ends its
   * exec session and its upload, so it does no more work in a member or the bucket while another
   * instance may already run the same backup. The next leader retries them as interrupted attempts.
   */
  public synchronized void cancelAll() {
    inFlight.values().forEach(attempt -> attempt.cancel(true));
    inFlight.clear();
  }

  /** The report of {@code key}'s last attempt, until it is consumed. */
  public synchronized Optional<RunReport> report(ResourceKey key) {
    return Optional.ofNullable(reports.get(key));
  }

  /** {@code report} is in the backup's status now; drops it unless a newer one replaced it. */
  public synchronized void consumed(ResourceKey key, RunReport report) {
    reports.remove(key, report);
  }

  /** The backup is gone: drops its report (an attempt in flight ends on its own). */
  public synchronized void forget(ResourceKey key) {
    reports.remove(key);
  }

  /**
   * Stops taking attempts and waits up to {@code grace} for running ones (their exec sessions and
   * multipart uploads end or are cut by their own limits).
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    workers.shutdownNow();
    return workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    shutdown(Duration.ZERO);
  }
}
