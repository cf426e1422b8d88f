package cloud.hyperbyte.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {

  private static HttpResponse<String> get(HealthServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyzFollowsTheInformerSyncAndNamesWhatIsNotReady() throws Exception {
    AtomicBoolean synced = new AtomicBoolean(false);
    try (HealthServer server = HealthServer.start(0)) {
      server.addReadiness(new HealthCheck("informers-synced", synced::get));

      HttpResponse<String> before = get(server, "/readyz");
      assertThat(before.statusCode()).isEqualTo(503);
      assertThat(before.body()).contains("informers-synced");

      synced.set(true);
      HttpResponse<String> after = get(server, "/readyz");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).isEqualTo("ok\n");
    }
  }

  @Test
  void healthzIsIndependentOfReadinessAndFailsWhenALivenessCheckFails() throws Exception {
    AtomicBoolean loopAlive = new AtomicBoolean(true);
    try (HealthServer server = HealthServer.start(0)) {
      server.addReadiness(new HealthCheck("informers-synced", () -> false));
      server.addLiveness(new HealthCheck("work-loop", loopAlive::get));
      server.addLiveness(new HealthCheck("throws", () -> {
        throw new IllegalStateException("a broken check counts as failing, not as a 500");
      }));

      HttpResponse<String> live = get(server, "/healthz");
      assertThat(live.statusCode()).isEqualTo(503);
      assertThat(live.body()).isEqualTo("failing: throws\n");

      loopAlive.set(false);
      assertThat(get(server, "/healthz").body()).isEqualTo("failing: work-loop, throws\n");
      assertThat(get(server, "/healthz/extra").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aServerWithoutChecksIsLiveAndReady() throws Exception {
    try (HealthServer server = HealthServer.start(0)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
    }
  }
}
