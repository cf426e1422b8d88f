package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StaggeredStartsTest {

  /** Starts that record when they began and finish when the test says. */
  private final List<String> begun = new ArrayList<>();
  private final List<CompletableFuture<Void>> running = new ArrayList<>();

  private List<Supplier<CompletableFuture<Void>>> starts(String... names) {
    List<Supplier<CompletableFuture<Void>>> starts = new ArrayList<>();
    for (String name : names) {
      starts.add(() -> {
        begun.add(name);
        CompletableFuture<Void> synced = new CompletableFuture<>();
        running.add(synced);
        return synced;
      });
    }
    return starts;
  }

  @Test
  void oneAtATimeBeginsEachStartOnlyOnceThePreviousOneFinished() {
    StaggeredStarts.run(starts("clusters", "statefulsets", "pods"), 1, () -> false);
    assertThat(begun).containsExactly("clusters");

    running.get(0).complete(null);
    assertThat(begun).containsExactly("clusters", "statefulsets");

    running.get(1).complete(null);
    assertThat(begun).containsExactly("clusters", "statefulsets", "pods");
  }

  @Test
  void aBoundAboveOneKeepsThatManyGoingInOrder() {
    StaggeredStarts.run(starts("a", "b", "c", "d"), 2, () -> false);
    assertThat(begun).containsExactly("a", "b");

    running.get(1).complete(null);
    assertThat(begun).containsExactly("a", "b", "c");

    running.get(0).complete(null);
    assertThat(begun).containsExactly("a", "b", "c", "d");
  }

  @Test
  void aStartThatFailsLetsTheNextOneBegin() {
    StaggeredStarts.run(starts("secrets", "pods"), 1, () -> false);

    running.get(0).completeExceptionally(new IllegalStateException("forbidden"));

    assertThat(begun).containsExactly("secrets", "pods");
  }

  @Test
  void aStartThatThrowsLetsTheNextOneBegin() {
    List<Supplier<CompletableFuture<Void>>> starts = new ArrayList<>();
    starts.add(() -> {
      begun.add("broken");
      throw new IllegalStateException("cannot start");
    });
    starts.addAll(starts("pods"));

    StaggeredStarts.run(starts, 1, () -> false);

    assertThat(begun).containsExactly("broken", "pods");
  }

  @Test
  void nothingMoreBeginsOnceStopped() {
    AtomicBoolean stopped = new AtomicBoolean();
    StaggeredStarts.run(starts("clusters", "pods"), 1, stopped::get);

    stopped.set(true);
    running.get(0).complete(null);

    assertThat(begun).containsExactly("clusters");
  }

  @Test
  void startsThatFinishAtOnceAllBegin() {
    List<Supplier<CompletableFuture<Void>>> starts = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      starts.add(() -> {
        begun.add(name);
        return CompletableFuture.completedFuture(null);
      });
    }

    StaggeredStarts.run(starts, 1, () -> false);

    assertThat(begun).containsExactly("a", "b", "c");
  }

  @Test
  void aStartThatGotFarEnoughLetsTheNextOneBeginBeforeItCompletes() {
    AtomicBoolean listed = new AtomicBoolean();
    CompletableFuture<Void> watching = new CompletableFuture<>();
    List<Supplier<CompletionStage<Void>>> starts = List.of(
        () -> {
          begun.add("pods");
          return StaggeredStarts.whicheverFirst(watching, listed::get, Duration.ofMillis(5));
        },
        () -> {
          begun.add("secrets");
          return new CompletableFuture<>();
        });
    StaggeredStarts.run(starts, 1, () -> false);
    assertThat(begun).containsExactly("pods");

    listed.set(true);

    await().until(() -> begun.size() == 2);
    assertThat(begun).containsExactly("pods", "secrets");
    assertThat(watching).isNotDone();
  }

  @Test
  void whicheverFirstCompletesWithTheStartEvenIfNeverFarEnough() {
    CompletableFuture<Void> started = new CompletableFuture<>();
    CompletionStage<Void> first = StaggeredStarts.whicheverFirst(started, () -> false, Duration.ofMillis(5));

    started.completeExceptionally(new IllegalStateException("forbidden"));

    assertThat(first.toCompletableFuture()).isDone();
  }

  @Test
  void atLeastOneStartRunsAtATime() {
    assertThatThrownBy(() -> StaggeredStarts.run(starts("a"), 0, () -> false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
