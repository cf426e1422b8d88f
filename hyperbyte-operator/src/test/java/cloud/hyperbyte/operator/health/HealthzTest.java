package cloud.hyperbyte.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.queue.Backoff;
import cloud.hyperbyte.operator.queue.ManualScheduler;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.WorkQueue;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 9: {@code /healthz} reports what the kubelet should restart the pod for (an
 * informer that stopped watching, a worker that does not come back, a queue that does not drain),
 * and {@code /readyz} keeps meaning "caches synced".
 */
class HealthzTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration BOUND = Duration.ofMinutes(5);

  private final HealthServer server = start();

  private static HealthServer start() {
    try {
      return HealthServer.start(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anInformerNotWatchingForLongerThanTheBoundFailsLivenessButNotReadiness() throws Exception {
    Set<String> notWatching = new ConcurrentSkipListSet<>();
    ShiftableClock clock = ShiftableClock.at(T0);
    server.addReadiness(new HealthCheck("informers-synced", () -> true));
    server.addLiveness(new HealthCheck("informers-watching",
        new InformerLiveness(() -> Set.copyOf(notWatching), Duration.ofMinutes(2), clock)::alive));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    notWatching.add("HyperbytedbCluster");
    clock.advance(Duration.ofMinutes(2));
    assertThat(get("/healthz").statusCode()).as("a watch reconnecting is not a dead informer").isEqualTo(200);

    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    HttpResponse<String> dead = get("/healthz");
    assertThat(dead.statusCode()).isEqualTo(503);
    assertThat(dead.body()).isEqualTo("failing: informers-watching\n");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    notWatching.clear();
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aReconcileRunningLongerThanTheBoundFailsLiveness() throws Exception {
    ManualScheduler time = new ManualScheduler(T0);
    // an executor that never runs what it is given: the dispatched reconcile never returns
    WorkQueue<String> queue = new WorkQueue<>(key -> ReconcileResult.done(), 1, Backoff.DEFAULT, time, task -> {});
    server.addLiveness(new HealthCheck("workers-progressing", () -> queue.stall(BOUND).isEmpty()));
    queue.start();
    queue.add("prod/db");
    time.advance(BOUND);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    time.advance(Duration.ofSeconds(1));

    HttpResponse<String> stuck = get("/healthz");
    assertThat(stuck.statusCode()).isEqualTo(503);
    assertThat(stuck.body()).isEqualTo("failing: workers-progressing\n");
    assertThat(queue.stall(BOUND)).hasValueSatisfying(why -> assertThat(why).contains("prod/db", "running since"));
  }

  @Test
  void aKeyDueForLongerThanTheBoundAndNotTakenFailsLiveness() throws Exception {
    ManualScheduler time = new ManualScheduler(T0);
    WorkQueue<String> queue = new WorkQueue<>(key -> ReconcileResult.done(), 1, Backoff.DEFAULT, time, task -> {});
    server.addLiveness(new HealthCheck("workers-progressing", () -> queue.stall(BOUND).isEmpty()));
    queue.add("prod/a");
    queue.add("prod/b");
    time.advance(BOUND.plusSeconds(1));

    queue.start(); // the one worker takes prod/a; prod/b, due since T0, is not taken

    assertThat(get("/healthz").statusCode()).isEqualTo(503);
    assertThat(queue.stall(BOUND)).hasValueSatisfying(why -> assertThat(why).contains("prod/b", "not taken"));
  }

  @Test
  void aStandbyWithKeysWaitingIsLive() throws Exception {
    ManualScheduler time = new ManualScheduler(T0);
    WorkQueue<String> queue = new WorkQueue<>(key -> ReconcileResult.done(), 1, Backoff.DEFAULT, time, task -> {});
    server.addLiveness(new HealthCheck("workers-progressing", () -> queue.stall(BOUND).isEmpty()));
    queue.add("prod/db");

    time.advance(Duration.ofHours(1));

    assertThat(get("/healthz").statusCode()).as("keys wait for leadership, not for a stuck worker").isEqualTo(200);
  }
}
