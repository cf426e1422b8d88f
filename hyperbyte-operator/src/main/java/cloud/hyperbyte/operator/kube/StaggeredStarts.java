package cloud.hyperbyte.operator.kube;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs asynchronous starts (an informer's first list and sync) at most {@code atOnce} at a time,
 * in order: the next begins when an earlier one has finished, successfully or not, or has got far
 * enough ({@link #whicheverFirst}: an informer that synced its list need not wait for its watch). A restarted
 * operator beside 1,000 three-member clusters listed all its informers at once, so a page of every
 * kind (response text and parsed objects) was in the heap together, and its first 18 s were a run of
 * full collections; one list at a time holds one page.
 */
final class StaggeredStarts {

  private final Queue<Supplier<? extends CompletionStage<?>>> waiting;
  private final BooleanSupplier stopped;

  private StaggeredStarts(List<? extends Supplier<? extends CompletionStage<?>>> starts, BooleanSupplier stopped) {
    this.waiting = new ArrayDeque<>(starts);
    this.stopped = Objects.requireNonNull(stopped, "stopped");
  }

  /**
   * Begins the first {@code atOnce} of {@code starts} now and each further one when an earlier one
   * finished; once {@code stopped} answers true, nothing more begins.
   */
  static void run(List<? extends Supplier<? extends CompletionStage<?>>> starts, int atOnce, BooleanSupplier stopped) {
    if (atOnce < 1) {
      throw new IllegalArgumentException("atOnce must be >= 1, was " + atOnce);
    }
    StaggeredStarts staggered = new StaggeredStarts(starts, stopped);
    for (int i = 0; i < atOnce; i++) {
      staggered.next();
    }
  }

  /**
   * A stage that completes when {@code started} does or, sooner, once {@code far} answers true
   * (asked every {@code poll}): an informer's start completes once its watch runs, which a watch
   * refused at first (410 Gone) delays by fabric8's retry backoff, while its list, what the next
   * start waits for, is done.
   */
  static CompletionStage<Void> whicheverFirst(CompletionStage<?> started, BooleanSupplier far, Duration poll) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    started.whenComplete((value, failure) -> done.complete(null));
    pollUntil(done, far, poll);
    return done;
  }

  private static void pollUntil(CompletableFuture<Void> done, BooleanSupplier far, Duration poll) {
    if (done.isDone()) {
      return;
    }
    if (far.getAsBoolean()) {
      done.complete(null);
      return;
    }
    CompletableFuture.delayedExecutor(poll.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> pollUntil(done, far, poll));
  }

  private void next() {
    // asked outside the lock: the owner answers under its own lock, and may finish a start while holding it
    if (stopped.getAsBoolean()) {
      return;
    }
    Supplier<? extends CompletionStage<?>> start;
    synchronized (this) {
      start = waiting.poll();
    }
    if (start == null) {
      return;
    }
    CompletionStage<?> started;
    try {
      started = start.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete((done, failure) -> next());
  }
}
