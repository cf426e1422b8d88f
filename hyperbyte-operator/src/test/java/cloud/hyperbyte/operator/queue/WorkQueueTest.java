package cloud.hyperbyte.operator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualScheduler time = new ManualScheduler(T0);
  private final ManualExecutor executor = new ManualExecutor();
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private final List<Instant> handledAt = Collections.synchronizedList(new ArrayList<>());
  private Function<String, ReconcileResult> behaviour = key -> ReconcileResult.done();

  private WorkQueue<String> queue(int workers, Backoff backoff) {
    return new WorkQueue<>(key -> {
      handled.add(key);
      handledAt.add(time.now());
      return behaviour.apply(key);
    }, workers, backoff, time, executor);
  }

  @Test
  void keyAddedTwiceBeforeItRunsIsReconciledOnce() {
    WorkQueue<String> queue = queue(2, Backoff.DEFAULT);
    queue.add("a");
    queue.add("a");
    assertThat(queue.depth()).isEqualTo(1);

    queue.start();
    executor.runAll();

    assertThat(handled).containsExactly("a");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void keyAddedWhileRunningRunsOnceMoreAfterwardsNeverConcurrently() {
    WorkQueue<String> queue = queue(4, Backoff.DEFAULT);
    queue.start();
    queue.add("a");
    assertThat(executor.queued()).isEqualTo(1);

    queue.add("a");
    queue.add("a");
    assertThat(executor.queued()).as("a second reconcile of a running key is not started").isEqualTo(1);
    assertThat(queue.running()).isEqualTo(1);

    executor.runNext();
    assertThat(executor.queued()).as("the adds during the run are folded into one rerun").isEqualTo(1);
    executor.runAll();
    assertThat(handled).containsExactly("a", "a");
  }

  @Test
  void differentKeysRunInParallelUpToTheWorkerCount() {
    WorkQueue<String> queue = queue(2, Backoff.DEFAULT);
    queue.start();
    queue.add("a");
    queue.add("b");
    queue.add("c");

    assertThat(queue.running()).isEqualTo(2);
    assertThat(queue.depth()).isEqualTo(1);
    executor.runNext();
    assertThat(queue.running()).as("c takes the freed worker").isEqualTo(2);
    executor.runAll();
    assertThat(handled).containsExactly("a", "b", "c");
  }

  @Test
  void failuresAreRetriedWithDoublingDelaysUpToTheCap() {
    behaviour = key -> {
      throw new IllegalStateException("API down");
    };
    WorkQueue<String> queue = queue(1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    queue.start();
    queue.add("a");
    executor.runAll();
    for (int s = 0; s < 60; s++) {
      time.advance(Duration.ofSeconds(1));
      executor.runAll();
    }
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < handledAt.size(); i++) {
      gaps.add(Duration.between(handledAt.get(i - 1), handledAt.get(i)).toSeconds());
    }
    assertThat(gaps).startsWith(1L, 2L, 4L, 8L, 10L, 10L);
  }

  @Test
  void eventsDoNotBringARetryForwardSoAFailingKeyCannotSpin() {
    behaviour = key -> {
      throw new IllegalStateException("conflict");
    };
    WorkQueue<String> queue = queue(1, new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(5)));
    queue.start();
    queue.add("a");
    executor.runAll();
    assertThat(queue.dueTime("a")).contains(T0.plusSeconds(4));

    queue.add("a"); // e.g. the watch event of the failed reconcile's own write
    executor.runAll();

    assertThat(handled).containsExactly("a");
    assertThat(queue.dueTime("a")).contains(T0.plusSeconds(4));
  }

  @Test
  void aSuccessResetsTheBackoff() {
    int[] calls = {0};
    behaviour = key -> {
      if (++calls[0] <= 3) {
        throw new IllegalStateException("transient");
      }
      return ReconcileResult.done();
    };
    WorkQueue<String> queue = queue(1, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
    queue.start();
    queue.add("a");
    executor.runAll();
    for (int s = 0; s < 10; s++) {
      time.advance(Duration.ofSeconds(1));
      executor.runAll();
    }
    assertThat(calls[0]).isEqualTo(4);
    assertThat(queue.dueTime("a")).isEmpty();

    behaviour = key -> {
      throw new IllegalStateException("again");
    };
    queue.add("a");
    executor.runAll();
    assertThat(queue.dueTime("a")).as("first failure after a success waits the initial delay")
        .contains(time.now().plusSeconds(1));
  }

  @Test
  void timedRequeuesRunInDueOrderAndTheEarliestRequestWins() {
    WorkQueue<String> queue = queue(1, Backoff.DEFAULT);
    queue.start();
    queue.requeueAt("b", T0.plusSeconds(10));
    queue.requeueAt("c", T0.plusSeconds(20));
    queue.requeueAt("a", T0.plusSeconds(30));
    queue.requeueAt("a", T0.plusSeconds(5));
    queue.requeueAt("b", T0.plusSeconds(60)); // a later request does not postpone b

    time.advance(Duration.ofSeconds(4));
    executor.runAll();
    assertThat(handled).isEmpty();
    assertThat(queue.depth()).isEqualTo(3);
    assertThat(queue.dueNow()).as("none is due before its time").isZero();

    for (int s = 0; s < 30; s++) {
      time.advance(Duration.ofSeconds(1));
      executor.runAll();
    }
    assertThat(handled).containsExactly("a", "b", "c");
    assertThat(handledAt).containsExactly(T0.plusSeconds(5), T0.plusSeconds(10), T0.plusSeconds(20));
  }

  @Test
  void aReconcileThatAsksForARequeueRunsAgainAtThatTimeAndNotBefore() {
    behaviour = key -> handled.size() == 1 ? ReconcileResult.requeueAt(time.now().plusSeconds(30)) : ReconcileResult.done();
    WorkQueue<String> queue = queue(1, Backoff.DEFAULT);
    queue.start();
    queue.add("failover-deadline");
    executor.runAll();

    time.advance(Duration.ofSeconds(29));
    executor.runAll();
    assertThat(handled).hasSize(1);

    time.advance(Duration.ofSeconds(1));
    executor.runAll();
    assertThat(handledAt).containsExactly(T0, T0.plusSeconds(30));
    assertThat(queue.dueTime("failover-deadline")).isEmpty();
  }

  @Test
  void anEventBeforeTheRequestedTimeRunsTheKeyEarly() {
    behaviour = key -> ReconcileResult.requeueAt(time.now().plusSeconds(300));
    WorkQueue<String> queue = queue(1, Backoff.DEFAULT);
    queue.start();
    queue.add("a");
    executor.runAll();

    time.advance(Duration.ofSeconds(3));
    queue.add("a");
    executor.runAll();

    assertThat(handledAt).containsExactly(T0, T0.plusSeconds(3));
  }

  @Test
  void nothingRunsWhilePausedAndCollectedKeysRunOnStart() {
    WorkQueue<String> queue = queue(1, Backoff.DEFAULT);
    queue.add("a");
    queue.add("b");
    time.advance(Duration.ofMinutes(1));
    assertThat(executor.queued()).isZero();

    queue.start();
    executor.runAll();
    assertThat(handled).containsExactly("a", "b");

    queue.pause();
    queue.add("c");
    executor.runAll();
    assertThat(handled).containsExactly("a", "b");
    assertThat(queue.depth()).isEqualTo(1);
    assertThat(time.pendingTimers()).isZero();
  }

  @Test
  void shutdownDropsPendingKeysAndWaitsForTheRunningReconcile() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      WorkQueue<String> queue = new WorkQueue<>(key -> {
        seen.add(key);
        entered.countDown();
        release.await();
        return ReconcileResult.done();
      }, 1, Backoff.DEFAULT, time, pool);
      queue.start();
      queue.add("running");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      queue.add("pending");

      assertThat(queue.shutdown(Duration.ofMillis(1)))
          .as("the running reconcile has not finished").isFalse();
      queue.add("after-shutdown");
      release.countDown();
      assertThat(queue.shutdown(Duration.ofSeconds(30))).isTrue();

      assertThat(seen).containsExactly("running");
      assertThat(queue.depth()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void backoffDelaysDoubleFromTheInitialDelayAndStopAtTheCap() {
    Backoff backoff = Backoff.DEFAULT;
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(backoff.delay(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofMinutes(5));
  }
}
